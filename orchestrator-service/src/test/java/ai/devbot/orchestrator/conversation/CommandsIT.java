package ai.devbot.orchestrator.conversation;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same against the packaged application (the native binary where one is built): command, reply and session JSON through Kafka and Redis. */
@QuarkusIntegrationTest
class CommandsIT extends CommandsTest {
}
