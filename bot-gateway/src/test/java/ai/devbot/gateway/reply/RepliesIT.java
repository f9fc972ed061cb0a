package ai.devbot.gateway.reply;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same replies performed by the packaged jar. */
@QuarkusIntegrationTest
class RepliesIT extends RepliesTest {
}
