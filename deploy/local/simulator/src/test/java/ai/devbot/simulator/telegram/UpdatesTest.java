package ai.devbot.simulator.telegram;

import static ai.devbot.simulator.SimulatorClient.bot;
import static ai.devbot.simulator.SimulatorClient.reset;
import static ai.devbot.simulator.SimulatorClient.userSays;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class UpdatesTest {

    @TestHTTPResource("/test-webhook")
    URL webhookUrl;

    @BeforeEach
    void cleanWorld() {
        reset();
        WebhookReceiver.RECEIVED.clear();
        WebhookReceiver.FAILURES_TO_GIVE.set(0);
        WebhookReceiver.HOLD_MS.set(0);
        WebhookReceiver.MOST_OPEN.set(0);
        WebhookReceiver.OVERLAPPING_CHATS.clear();
    }

    /** Other test classes poll with getUpdates, which a webhook left set would refuse. */
    @AfterEach
    void removeWebhook() {
        bot("deleteWebhook", Map.of()).statusCode(200);
    }

    @Test
    void aCommandArrivesAsARealisticMessageUpdateThroughGetUpdates() {
        userSays(2001, "/newproject a habit tracker");
        JsonPath updates = bot("getUpdates", Map.of()).statusCode(200).extract().jsonPath();
        assertEquals(1, updates.getList("result").size());
        assertEquals("/newproject a habit tracker", updates.getString("result[0].message.text"));
        assertEquals("bot_command", updates.getString("result[0].message.entities[0].type"));
        assertEquals(11, updates.getInt("result[0].message.entities[0].length"));
        assertEquals(2001, updates.getLong("result[0].message.from.id"));
        assertEquals(false, updates.getBoolean("result[0].message.from.is_bot"));
        assertEquals("private", updates.getString("result[0].message.chat.type"));
        assertTrue(updates.getLong("result[0].message.date") > 1_700_000_000L);
    }

    @Test
    void longPollingWaitsForTheNextUpdateAndTheOffsetConfirmsEarlierOnes() throws Exception {
        CompletableFuture<JsonPath> poll = CompletableFuture.supplyAsync(
                () -> bot("getUpdates", Map.of("timeout", 10)).statusCode(200).extract().jsonPath());
        Thread.sleep(300);
        long first = userSays(2002, "first");
        JsonPath received = poll.get();
        assertEquals(first, received.getLong("result[0].update_id"));

        long second = userSays(2002, "second");
        assertEquals(2, bot("getUpdates", Map.of()).extract().jsonPath().getList("result").size());
        bot("getUpdates", Map.of("offset", second)).body("result", hasSize(1))
                .body("result[0].update_id", equalTo((int) second));
        bot("getUpdates", Map.of("offset", second + 1, "timeout", 0)).body("result", empty());
    }

    @Test
    void updateIdsIncrease() {
        long a = userSays(2003, "a");
        long b = userSays(2004, "b");
        assertTrue(b > a);
    }

    @Test
    void getUpdatesConflictsWithAnActiveWebhook() {
        bot("setWebhook", Map.of("url", webhookUrl.toString())).statusCode(200).body("description", equalTo("Webhook was set"));
        bot("getUpdates", Map.of()).statusCode(409).body("description", containsString("Conflict: can't use getUpdates"));
        bot("deleteWebhook", Map.of()).statusCode(200).body("description", equalTo("Webhook was deleted"));
        bot("getUpdates", Map.of()).statusCode(200);
    }

    @Test
    void theWebhookReceivesUpdatesInOrderWithTheSecretHeader() {
        bot("setWebhook", Map.of("url", webhookUrl.toString(), "secret_token", "s3cret_Token-1")).statusCode(200);
        long first = userSays(2005, "/start");
        long second = userSays(2005, "/help");
        await().atMost(Duration.ofSeconds(10)).until(() -> WebhookReceiver.RECEIVED.size() == 2);
        assertEquals(first, WebhookReceiver.RECEIVED.get(0).update().get("update_id").asLong());
        assertEquals(second, WebhookReceiver.RECEIVED.get(1).update().get("update_id").asLong());
        assertEquals("s3cret_Token-1", WebhookReceiver.RECEIVED.get(0).secret());
        bot("getWebhookInfo", Map.of()).body("result.pending_update_count", equalTo(0))
                .body("result.url", equalTo(webhookUrl.toString()));
    }

    @Test
    void theWebhookReceivesManyChatsAtOnceButEachChatInOrder() {
        WebhookReceiver.HOLD_MS.set(300);
        bot("setWebhook", Map.of("url", webhookUrl.toString(), "max_connections", 4)).statusCode(200);
        Map<Long, List<Long>> sent = new java.util.LinkedHashMap<>();
        for (int round = 0; round < 3; round++) {
            for (long chat = 2101; chat <= 2106; chat++) {
                sent.computeIfAbsent(chat, c -> new java.util.ArrayList<>()).add(userSays(chat, "message " + round));
            }
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> WebhookReceiver.RECEIVED.size() == 18);
        for (var chat : sent.entrySet()) {
            List<Long> received = WebhookReceiver.RECEIVED.stream()
                    .filter(r -> r.update().path("message").path("chat").path("id").asLong() == chat.getKey())
                    .map(r -> r.update().get("update_id").asLong()).toList();
            assertEquals(chat.getValue(), received, "chat " + chat.getKey() + "'s updates in the order sent");
        }
        assertEquals(4, WebhookReceiver.MOST_OPEN.get(), "as many at once as max_connections allows, no more");
        assertEquals(java.util.Set.of(), WebhookReceiver.OVERLAPPING_CHATS, "never two of one chat at once");
    }

    @Test
    void aFailingWebhookIsRetriedAndTheErrorShowsInWebhookInfo() {
        WebhookReceiver.FAILURES_TO_GIVE.set(3);
        bot("setWebhook", Map.of("url", webhookUrl.toString())).statusCode(200);
        userSays(2006, "/status");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> bot("getWebhookInfo", Map.of())
                .body("result.last_error_message", equalTo("Wrong response from the webhook: 500"))
                .body("result.pending_update_count", equalTo(1)));
        await().atMost(Duration.ofSeconds(10)).until(() -> WebhookReceiver.RECEIVED.size() == 1);
        assertEquals("/status", WebhookReceiver.RECEIVED.get(0).update().get("message").get("text").asText());
        bot("getWebhookInfo", Map.of()).body("result.pending_update_count", equalTo(0));
    }

    @Test
    void allowedUpdatesFilterWhatTheBotReceives() {
        bot("sendMessage", Map.of("chat_id", 1, "text", "x")).statusCode(400);
        userSays(2007, "hello");
        bot("getUpdates", Map.of("allowed_updates", List.of("callback_query"))).body("result", empty());
        bot("getUpdates", Map.of("allowed_updates", List.of("message"))).body("result", hasSize(1));
    }

    @Test
    void anInvalidSecretTokenIsRefused() {
        bot("setWebhook", Map.of("url", webhookUrl.toString(), "secret_token", "has spaces!")).statusCode(400)
                .body("description", equalTo("Bad Request: secret token contains unallowed characters"));
    }

    @Test
    void rawUpdatesOfAnyKindCanBeInjected() {
        long id = io.restassured.RestAssured.given().contentType("application/json")
                .body(Map.of("edited_message", Map.of("message_id", 5, "text", "edited")))
                .when().post("/sim/telegram/updates").then().statusCode(200).extract().jsonPath().getLong("updateId");
        bot("getUpdates", Map.of()).body("result[0].update_id", equalTo((int) id))
                .body("result[0].edited_message.text", equalTo("edited"));
    }
}
