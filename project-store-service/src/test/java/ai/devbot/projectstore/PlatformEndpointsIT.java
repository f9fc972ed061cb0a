package ai.devbot.projectstore;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class PlatformEndpointsIT extends PlatformEndpointsTest {
}
