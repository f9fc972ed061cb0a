package ai.devbot.billing;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class PlatformEndpointsIT extends PlatformEndpointsTest {
}
