package ai.devbot.gateway.reply;

import static ai.devbot.gateway.GatewayHarness.REPLIES;
import static ai.devbot.gateway.GatewayHarness.REPLIES_DLQ;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;

import ai.devbot.gateway.GatewayHarness;
import ai.devbot.testsupport.TelegramSimulator;
import ai.devbot.testsupport.SimulatorResource;
import ai.devbot.testsupport.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(SimulatorResource.class)
@QuarkusTestResource(ArchiveServerResource.class)
class RepliesTest {

    static TopicReader deadLetters;
    TelegramSimulator telegram;
    long user;
    long seen;

    @BeforeAll
    static void readDeadLetters() {
        deadLetters = new TopicReader(GatewayHarness.kafka(), REPLIES_DLQ);
    }

    @AfterAll
    static void close() {
        deadLetters.close();
    }

    @BeforeEach
    void aUserHasStartedTheBot() {
        GatewayHarness.registerWebhook();
        telegram = GatewayHarness.simulator();
        user = GatewayHarness.freshUser();
        telegram.send(user, "/start");
    }

    void reply(Map<String, Object> reply) {
        try {
            TopicReader.send(GatewayHarness.kafka(), REPLIES, Long.toString(user), GatewayHarness.JSON.writeValueAsString(reply));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    List<Map<String, Object>> awaitActions(int count) {
        List<Map<String, Object>> actions = telegram.awaitActions(user, seen, count, 20);
        seen = ((Number) actions.get(actions.size() - 1).get("seq")).longValue();
        return actions;
    }

    String id(String suffix) {
        return "test-" + user + "/" + suffix;
    }

    @Test
    void aMessageArrivesRenderedAsHtmlWithItsButtons() {
        reply(Map.of("replyId", id("1"), "chatId", user, "kind", "MESSAGE",
                "text", "**Plan ready** — 4 tasks for `a < b & c`",
                "buttons", List.of(List.of(Map.of("text", "Implement next", "callbackData", "impl:next:p17"),
                        Map.of("text", "Download", "callbackData", "dl:p17")))));
        Map<String, Object> sent = awaitActions(1).get(0);
        assertEquals("MESSAGE", sent.get("kind"));
        assertEquals("HTML", sent.get("parseMode"));
        assertEquals("Plan ready — 4 tasks for a < b & c", sent.get("text"));
        assertEquals("impl:next:p17", ((List<List<Map<String, Object>>>) sent.get("buttons")).get(0).get(0).get("callbackData"));
    }

    @Test
    void textTelegramRefusesToParseIsSentAgainAsPlainTextNotLost() {
        telegram.refuseHtml(1);
        reply(Map.of("replyId", id("refused"), "chatId", user, "kind", "MESSAGE", "text", "**Done** — `main.py` < 5 ms"));
        Map<String, Object> sent = awaitActions(1).get(0);
        assertEquals("Done — main.py < 5 ms", sent.get("text"));
        assertEquals(null, sent.get("parseMode"));
        assertNoDeadLetter("refused");
    }

    @Test
    void statusUpdatesEditTheOneMessageTheirKeyNames() {
        reply(Map.of("replyId", id("status"), "chatId", user, "kind", "MESSAGE", "text", "Task 1/4 · implementing…",
                "statusKey", "job-1"));
        reply(Map.of("replyId", id("edit-1"), "chatId", user, "kind", "EDIT", "text", "Task 1/4 · reviewing…",
                "statusKey", "job-1"));
        reply(Map.of("replyId", id("edit-2"), "chatId", user, "kind", "EDIT", "text", "Task 1/4 · reviewing…",
                "statusKey", "job-1"));
        reply(Map.of("replyId", id("edit-3"), "chatId", user, "kind", "EDIT", "text", "✓ 1/4 done, 2 files changed",
                "statusKey", "job-1"));
        List<Map<String, Object>> actions = awaitLastText("✓ 1/4 done, 2 files changed");
        // Edits still waiting when a newer one comes are superseded: at most one per reply, all on the one message.
        assertEquals("MESSAGE", actions.get(0).get("kind"));
        assertTrue(actions.size() >= 2 && actions.size() <= 3, actions.toString());
        for (Map<String, Object> edit : actions.subList(1, actions.size())) {
            assertEquals("EDIT", edit.get("kind"));
            assertEquals(actions.get(0).get("messageId"), edit.get("messageId"));
        }
        assertNoDeadLetter("edit-2");
    }

    /** Every action until one with this text (the last of them). */
    List<Map<String, Object>> awaitLastText(String text) {
        List<Map<String, Object>> all = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (Map<String, Object> action : telegram.actions(user, seen, 1)) {
                seen = ((Number) action.get("seq")).longValue();
                all.add(action);
                if (text.equals(action.get("text"))) {
                    return all;
                }
            }
        }
        throw new AssertionError("no action with text " + text + " among " + all);
    }

    @Test
    void aBacklogOfStatusEditsHeldByFloodControlCatchesUpWithTheNewestTextNotEveryStep() {
        telegram.rateLimit(true, 1, 1, 30, 30);
        try {
            reply(Map.of("replyId", id("backlog"), "chatId", user, "kind", "MESSAGE", "text", "Task 1/4 · starting…",
                    "statusKey", "job-backlog"));
            for (int i = 1; i <= 12; i++) {
                reply(Map.of("replyId", id("backlog-" + i), "chatId", user, "kind", "EDIT", "text", "step " + i,
                        "statusKey", "job-backlog"));
            }
            reply(Map.of("replyId", id("after"), "chatId", user, "kind", "MESSAGE", "text", "the final answer"));
            List<Map<String, Object>> actions = awaitLastText("the final answer");
            assertTrue(actions.size() <= 6, "12 edits coalesced: " + actions.stream().map(a -> a.get("text")).toList());
            assertEquals("step 12", actions.get(actions.size() - 2).get("text"), "the newest status is shown");
            assertNoDeadLetter("backlog-1");
        } finally {
            telegram.rateLimit(false, 1, 3, 30, 30);
        }
    }

    @Test
    void aChatsBacklogIsBoundedTheOldestUpdatesGoAndTheUserIsToldOnce() {
        telegram.rateLimit(true, 1, 1, 30, 30);
        try {
            for (int i = 1; i <= 20; i++) {
                reply(Map.of("replyId", id("burst-" + i), "chatId", user, "kind", "MESSAGE", "text", "burst " + i));
            }
            List<Map<String, Object>> actions = awaitLastText("burst 20");
            List<Object> texts = actions.stream().map(a -> a.get("text")).toList();
            assertTrue(texts.size() <= 12, "the lane holds 8 (test profile), the rest of the oldest went: " + texts);
            assertEquals(1, texts.stream().filter(ai.devbot.gateway.reply.service.ReplyDispatcher.SKIPPED_NOTICE::equals).count(), texts.toString());
            assertEquals("burst 1", texts.get(0), "the first was already on its way");
            assertNoDeadLetter("burst-2");
        } finally {
            telegram.rateLimit(false, 1, 3, 30, 30);
        }
    }

    @Test
    void markdownThatRendersToNothingStillEditsTheStatus() {
        reply(Map.of("replyId", id("blank"), "chatId", user, "kind", "MESSAGE", "text", "working…", "statusKey", "job-blank"));
        awaitActions(1);
        reply(Map.of("replyId", id("blank-edit"), "chatId", user, "kind", "EDIT", "text", "[](https://example.com)", "statusKey", "job-blank"));
        assertEquals("…", awaitActions(1).get(0).get("text"));
        assertNoDeadLetter("blank-edit");
    }

    @Test
    void anEditForAStatusThisGatewayNeverSentArrivesAsANewMessage() {
        reply(Map.of("replyId", id("orphan"), "chatId", user, "kind", "EDIT", "text", "Task 2/4 · reviewing…",
                "statusKey", "job-unknown"));
        Map<String, Object> sent = awaitActions(1).get(0);
        assertEquals("MESSAGE", sent.get("kind"));
        assertEquals("Task 2/4 · reviewing…", sent.get("text"));
    }

    @Test
    void aTenThousandCharacterAnswerArrivesAsSeveralValidHtmlMessagesInOrder() {
        String markdown = ModelAnswers.LONG_ANSWER;
        reply(Map.of("replyId", id("long"), "chatId", user, "kind", "MESSAGE", "text", markdown));
        reply(Map.of("replyId", id("long-after"), "chatId", user, "kind", "MESSAGE", "text", "the next reply"));
        List<Map<String, Object>> actions = awaitLastText("the next reply");
        List<Map<String, Object>> parts = actions.subList(0, actions.size() - 1);
        assertTrue(parts.size() >= 3, "10,000 characters need at least 3 messages of 4,096: " + parts.size());
        StringBuilder seen = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            assertEquals("HTML", parts.get(i).get("parseMode"), "Telegram accepted the markup of part " + (i + 1));
            String text = String.valueOf(parts.get(i).get("text"));
            assertTrue(text.length() <= 4096, "part " + (i + 1) + " is " + text.length() + " characters");
            seen.append(text).append('\n');
        }
        // What the user read is the answer, word for word, in order (worked out from the source, not the renderer).
        assertEquals(TextWords.ofMarkdown(markdown), TextWords.of(seen.toString()));
    }

    @Test
    void chatActionsAndCallbackAnswersArePerformed() {
        String queryId = telegram.press(user, "impl:next:p17", true);
        reply(Map.of("replyId", id("typing"), "chatId", user, "kind", "CHAT_ACTION", "action", "typing"));
        reply(Map.of("replyId", id("answer"), "chatId", user, "kind", "CALLBACK_ANSWER", "callbackQueryId", queryId,
                "text", "Starting task 1…", "showAlert", false));
        List<Map<String, Object>> actions = awaitActions(2);
        assertEquals("CHAT_ACTION", actions.get(0).get("kind"));
        assertEquals("typing", actions.get(0).get("action"));
        assertEquals("CALLBACK_ANSWER", actions.get(1).get("kind"));
        assertEquals(queryId, actions.get(1).get("callbackQueryId"));
        assertEquals("Starting task 1…", actions.get(1).get("text"));
    }

    @Test
    void aDocumentIsFetchedFromProjectStoreAndArrivesIntact() throws Exception {
        String url = System.getProperty("devbot.test.archive-server") + ArchiveServerResource.ARCHIVE_PATH + "?ownerId=" + user;
        reply(Map.of("replyId", id("zip"), "chatId", user, "kind", "DOCUMENT", "text", "**Habit Tracker** · 23 files",
                "document", Map.of("url", url, "fileName", "habit-tracker.zip", "contentType", "application/zip")));
        Map<String, Object> sent = awaitActions(1).get(0);
        assertEquals("DOCUMENT", sent.get("kind"));
        Map<String, Object> document = (Map<String, Object>) sent.get("document");
        assertEquals("habit-tracker.zip", document.get("fileName"));
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(ArchiveServerResource.archive()));
        assertEquals(sha256, document.get("sha256"));
        assertEquals("Habit Tracker · 23 files", sent.get("text"));
    }

    @Test
    void aDocumentFromAnywhereButProjectStoreIsRefusedToTheDeadLetterTopic() {
        reply(Map.of("replyId", id("ssrf"), "chatId", user, "kind", "DOCUMENT",
                "document", Map.of("url", "http://169.254.169.254/latest/meta-data", "fileName", "x.zip")));
        reply(Map.of("replyId", id("missing"), "chatId", user, "kind", "DOCUMENT",
                "document", Map.of("url", System.getProperty("devbot.test.archive-server") + "/api/v1/projects/404/archive",
                        "fileName", "x.zip")));
        assertTrue(deadLetterReason("ssrf").contains("only fetched from project-store"));
        assertTrue(deadLetterReason("missing").contains("404"));
    }

    @Test
    void malformedAndInvalidRepliesGoToTheDeadLetterTopicWithTheReason() {
        TopicReader.send(GatewayHarness.kafka(), REPLIES, Long.toString(user), "{\"replyId\": \"" + id("broken") + "\", oops");
        reply(Map.of("replyId", id("no-text"), "chatId", user, "kind", "MESSAGE"));
        reply(Map.of("replyId", id("long-data"), "chatId", user, "kind", "MESSAGE", "text", "x",
                "buttons", List.of(List.of(Map.of("text", "b", "callbackData", "d".repeat(65))))));
        reply(Map.of("replyId", id("bad-kind"), "chatId", user, "kind", "SHOUT", "text", "x"));
        assertTrue(deadLetterReason("broken").startsWith("malformed reply"));
        assertTrue(deadLetterReason("no-text").contains("needs text"));
        assertTrue(deadLetterReason("long-data").contains("1–64 bytes"));
        assertTrue(deadLetterReason("bad-kind").startsWith("malformed reply"));
        // None of them reached the chat.
        assertEquals(List.of(), telegram.actions(user, seen, 1));
    }

    @Test
    void aRedeliveredReplyIsPerformedOnce() {
        Map<String, Object> once = Map.of("replyId", id("once"), "chatId", user, "kind", "MESSAGE", "text", "only once");
        reply(once);
        reply(once);
        reply(Map.of("replyId", id("after"), "chatId", user, "kind", "MESSAGE", "text", "after"));
        List<Map<String, Object>> actions = awaitActions(2);
        assertEquals(List.of("only once", "after"), actions.stream().map(a -> a.get("text")).toList());
        assertEquals(List.of(), telegram.actions(user, seen, 1));
    }

    @Test
    void floodControlKeepsEveryChatsOrderAndLosesNothing() {
        long other = GatewayHarness.freshUser();
        telegram.send(other, "/start");
        long otherSeen = telegram.awaitActions(other, 0, 0, 0).size();
        telegram.rateLimit(true, 1, 1, 30, 30);
        try {
            double floodWaitsBefore = floodWaits();
            for (int i = 1; i <= 5; i++) {
                reply(Map.of("replyId", id("flood-" + i), "chatId", user, "kind", "MESSAGE", "text", "mine " + i));
                try {
                    TopicReader.send(GatewayHarness.kafka(), REPLIES, Long.toString(other), GatewayHarness.JSON.writeValueAsString(
                            Map.of("replyId", "test-" + other + "/flood-" + i, "chatId", other, "kind", "MESSAGE", "text", "theirs " + i)));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }
            assertEquals(List.of("mine 1", "mine 2", "mine 3", "mine 4", "mine 5"),
                    awaitActions(5).stream().map(a -> a.get("text")).toList());
            assertEquals(List.of("theirs 1", "theirs 2", "theirs 3", "theirs 4", "theirs 5"),
                    telegram.awaitActions(other, otherSeen, 5, 20).stream().map(a -> a.get("text")).toList());
            assertTrue(floodWaits() > floodWaitsBefore, "Telegram's 429s were waited out");
        } finally {
            telegram.rateLimit(false, 1, 3, 30, 30);
        }
    }

    private static double floodWaits() {
        return given().get("/q/metrics").then().extract().asString().lines()
                .filter(line -> line.startsWith("devbot_gateway_telegram_flood_waits_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private String deadLetterReason(String suffix) {
        ConsumerRecord<String, String> parked = deadLetters.await(r -> r.value().contains(id(suffix)), 1,
                Duration.ofSeconds(20)).get(0);
        return new String(parked.headers().lastHeader("devbot-error").value(), StandardCharsets.UTF_8);
    }

    /**
     * A reply of a chat's lane is parked (or not) before the lane sends its next one, and every caller has
     * seen a later reply of the same lane arrive: a dead letter would already be on its way, and 1 s covers
     * the producer's linger and the reader's poll.
     */
    private void assertNoDeadLetter(String suffix) {
        assertEquals(List.of(), deadLetters.settle(r -> r.value().contains(id(suffix)), Duration.ofSeconds(1)));
    }
}
