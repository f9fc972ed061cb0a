package ai.devbot.gateway;

import static ai.devbot.gateway.GatewayHarness.COMMANDS;
import static ai.devbot.gateway.GatewayHarness.json;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import com.fasterxml.jackson.databind.JsonNode;

import ai.devbot.testsupport.TelegramSimulator;
import ai.devbot.testsupport.TopicReader;

/** Ingress tests: a fresh user talks to the simulator, whose webhook points here; commands are read from Kafka. */
public abstract class CommandsTopicTest {

    protected static final Duration PATIENCE = Duration.ofSeconds(20);
    protected static TopicReader commands;
    protected TelegramSimulator telegram;
    protected long user;

    @BeforeAll
    static void readCommands() {
        commands = new TopicReader(GatewayHarness.kafka(), COMMANDS);
    }

    @AfterAll
    static void closeCommands() {
        commands.close();
    }

    @BeforeEach
    void aFreshUserAndTheWebhookHere() {
        GatewayHarness.registerWebhook();
        telegram = GatewayHarness.simulator();
        user = GatewayHarness.freshUser();
    }

    /** Waits for {@code count} commands of this user's chat, in the order Kafka has them. */
    protected List<JsonNode> commandsOf(int count) {
        return commands.await(r -> r.key().equals(Long.toString(user)), count, PATIENCE).stream()
                .map(r -> json(r.value())).toList();
    }
}
