package ai.devbot.billing.usage;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same against the packaged application (the native binary where one is built): Kafka payloads and the one-statement charge. */
@QuarkusIntegrationTest
class UsageChargingIT extends UsageChargingTest {
}
