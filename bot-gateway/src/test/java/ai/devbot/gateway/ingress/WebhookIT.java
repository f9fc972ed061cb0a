package ai.devbot.gateway.ingress;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same webhook behaviour from the packaged jar. */
@QuarkusIntegrationTest
class WebhookIT extends WebhookTest {
}
