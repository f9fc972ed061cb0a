package ai.devbot.agent;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class PlatformEndpointsIT extends PlatformEndpointsTest {
}
