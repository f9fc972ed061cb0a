package ai.devbot.projectstore.project;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same project, file and edit behaviour from the packaged jar. */
@QuarkusIntegrationTest
class ProjectsIT extends ProjectsTest {
}
