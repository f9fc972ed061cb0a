package ai.devbot.agent.operation;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same operations against the packaged jar. */
@QuarkusIntegrationTest
class OperationsIT extends OperationsTest {
}
