package ai.devbot.billing.purchase;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same against the packaged application (the native binary where one is built): signed invoices, purchases, refunds. */
@QuarkusIntegrationTest
class PurchaseApiIT extends PurchaseApiTest {
}
