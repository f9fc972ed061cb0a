package ai.devbot.gateway;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class PlatformEndpointsIT extends PlatformEndpointsTest {
}
