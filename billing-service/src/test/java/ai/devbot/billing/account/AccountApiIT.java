package ai.devbot.billing.account;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same against the packaged application (the native binary where one is built). */
@QuarkusIntegrationTest
class AccountApiIT extends AccountApiTest {
}
