package ai.devbot.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Keeps docs/contracts honest: every example parses and carries what its topic's kind requires. */
class ContractExamplesTest {

    private static final Path CONTRACTS = Path.of("..", "docs", "contracts");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TELEGRAM_CALLBACK_DATA_LIMIT = 64;

    private static final Map<String, List<String>> ENVELOPE = Map.of(
            "bot-commands", List.of("commandId", "updateId", "chatId", "userId", "kind", "receivedAt"),
            "bot-replies", List.of("replyId", "chatId", "kind"),
            "billing-usage", List.of("eventId", "userId", "jobId", "projectId", "provider", "model", "keyAlias",
                    "inputTokens", "outputTokens", "estimated", "occurredAt"),
            "orchestrator-steps", List.of("stepId", "jobId", "projectId", "step", "issuedAt"));

    private static final Map<String, List<String>> BY_KIND = Map.ofEntries(
            Map.entry("bot-commands/COMMAND", List.of("command")),
            Map.entry("bot-commands/TEXT", List.of("text")),
            Map.entry("bot-commands/CALLBACK", List.of("callbackQueryId", "callbackData")),
            Map.entry("bot-commands/PRE_CHECKOUT", List.of("preCheckout.queryId", "preCheckout.currency",
                    "preCheckout.totalAmount", "preCheckout.invoicePayload")),
            Map.entry("bot-commands/PAYMENT", List.of("payment.telegramPaymentChargeId", "payment.currency",
                    "payment.totalAmount", "payment.invoicePayload")),
            Map.entry("bot-commands/DOCUMENT", List.of("document.fileName")),
            Map.entry("bot-replies/MESSAGE", List.of("text")),
            Map.entry("bot-replies/EDIT", List.of("text")),
            Map.entry("bot-replies/DOCUMENT", List.of("document.url", "document.fileName")),
            Map.entry("bot-replies/CHAT_ACTION", List.of("action")),
            Map.entry("bot-replies/CALLBACK_ANSWER", List.of("callbackQueryId")),
            Map.entry("bot-replies/INVOICE", List.of("invoice.title", "invoice.payload", "invoice.currency", "invoice.amount")),
            Map.entry("bot-replies/PRE_CHECKOUT_ANSWER", List.of("preCheckoutAnswer.queryId", "preCheckoutAnswer.ok")));

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.walk(CONTRACTS)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleHasItsTopicEnvelopeAndItsKindFields(Path example) throws IOException {
        String topic = example.getParent().getFileName().toString();
        JsonNode message = JSON.readTree(Files.readString(example, StandardCharsets.UTF_8));

        assertTrue(ENVELOPE.containsKey(topic), "unknown topic folder " + topic);
        ENVELOPE.get(topic).forEach(field -> assertPresent(message, field, example));
        if (message.has("kind")) {
            String kind = topic + "/" + message.get("kind").asText();
            assertTrue(BY_KIND.containsKey(kind), example + ": unknown kind " + kind);
            BY_KIND.get(kind).forEach(field -> assertPresent(message, field, example));
        }
        for (String instantField : List.of("receivedAt", "occurredAt", "issuedAt")) {
            if (message.has(instantField)) {
                Instant.parse(message.get(instantField).asText());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void noExampleCarriesASecretOrOverlongCallbackData(Path example) throws IOException {
        JsonNode message = JSON.readTree(Files.readString(example, StandardCharsets.UTF_8));
        message.findValues("callbackData").forEach(data -> assertTrue(
                data.asText().getBytes(StandardCharsets.UTF_8).length <= TELEGRAM_CALLBACK_DATA_LIMIT,
                example + ": callback data over Telegram's 64 bytes: " + data.asText()));
        for (String forbidden : List.of("apiKey", "token", "password", "secret")) {
            assertTrue(message.findValues(forbidden).isEmpty(), example + " must not carry a field named " + forbidden);
        }
    }

    @Test
    void commandIdsAreDerivedFromTelegramUpdateIds() throws IOException {
        for (Path example : examples().filter(p -> p.getParent().endsWith("bot-commands")).toList()) {
            JsonNode message = JSON.readTree(Files.readString(example, StandardCharsets.UTF_8));
            assertEquals("tg-" + message.get("updateId").asLong(), message.get("commandId").asText(), example.toString());
        }
    }

    @Test
    void everyKindOfTheDesignHasAnExample() throws IOException {
        Set<String> kinds = new TreeSet<>();
        for (Path example : examples().toList()) {
            JsonNode kind = JSON.readTree(Files.readString(example, StandardCharsets.UTF_8)).get("kind");
            if (kind != null) {
                kinds.add(example.getParent().getFileName() + "/" + kind.asText());
            }
        }
        assertEquals(new TreeSet<>(BY_KIND.keySet()), kinds);
        assertFalse(examples().filter(p -> p.getParent().endsWith("billing-usage")).toList().isEmpty());
        assertFalse(examples().filter(p -> p.getParent().endsWith("orchestrator-steps")).toList().isEmpty());
    }

    private static void assertPresent(JsonNode message, String dottedField, Path example) {
        JsonNode node = message;
        for (String part : dottedField.split("\\.")) {
            node = node.get(part);
            assertTrue(node != null && !node.isNull(), example + " lacks " + dottedField);
        }
    }
}
