package ai.devbot.orchestrator;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class PlatformEndpointsIT extends PlatformEndpointsTest {
}
