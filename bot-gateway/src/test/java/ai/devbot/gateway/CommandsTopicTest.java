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

    /**
     * This chat's commands published before a marker ({@code /help}) sent now: whatever earlier input caused
     * is on the topic ahead of it (one key, one partition, updates delivered in order), so "nothing else was
     * published" needs no timed wait.
     */
    protected List<JsonNode> commandsBeforeMarker() {
        telegram.send(user, "/help");
        return beforeMarker(Long.toString(user));
    }

    /** The commands keyed {@code chat} before the first {@code /help} of that chat. */
    protected static List<JsonNode> beforeMarker(String chat) {
        List<JsonNode> upTo = commands.upTo(r -> r.key().equals(chat),
                r -> "help".equals(json(r.value()).path("command").asText()), PATIENCE).stream()
                .map(r -> json(r.value())).toList();
        return upTo.subList(0, upTo.size() - 1);
    }

    /** Waits for {@code count} commands of this user's chat, in the order Kafka has them. */
    protected List<JsonNode> commandsOf(int count) {
        return commands.await(r -> r.key().equals(Long.toString(user)), count, PATIENCE).stream()
                .map(r -> json(r.value())).toList();
    }
}
