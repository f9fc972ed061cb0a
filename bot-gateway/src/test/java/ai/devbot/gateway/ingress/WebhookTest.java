package ai.devbot.gateway.ingress;

import static ai.devbot.gateway.GatewayHarness.json;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import ai.devbot.gateway.CommandsTopicTest;
import ai.devbot.gateway.GatewayHarness;
import ai.devbot.testsupport.SimulatorResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(SimulatorResource.class)
class WebhookTest extends CommandsTopicTest {

    @Test
    void everyCommandKindSentByAUserReachesKafkaKeyedByChatInOrder() {
        telegram.send(user, "/start");
        telegram.send(user, "/newproject A CLI that counts words");
        telegram.send(user, "/implement 2");
        telegram.send(user, "/start@otherbot");
        telegram.send(user, "/show@devbot_test_bot src/main.py");
        telegram.send(user, "Also print the top ten words");
        String queryId = telegram.press(user, "impl:next:p17", true);

        List<JsonNode> published = commandsOf(6);
        assertEquals(List.of("COMMAND", "COMMAND", "COMMAND", "COMMAND", "TEXT", "CALLBACK"),
                published.stream().map(c -> c.get("kind").asText()).toList());
        assertEquals("start", published.get(0).get("command").asText());
        assertEquals("A CLI that counts words", published.get(1).get("args").asText());
        assertEquals("2", published.get(2).get("args").asText());
        assertEquals("show", published.get(3).get("command").asText(), "/start@otherbot was not for us");
        assertEquals("src/main.py", published.get(3).get("args").asText());
        assertEquals("Also print the top ten words", published.get(4).get("text").asText());
        assertEquals(queryId, published.get(5).get("callbackQueryId").asText());
        assertEquals("impl:next:p17", published.get(5).get("callbackData").asText());
        for (JsonNode command : published) {
            assertEquals("tg-" + command.get("updateId").asLong(), command.get("commandId").asText());
            assertEquals(user, command.get("userId").asLong());
            assertTrue(command.hasNonNull("receivedAt"));
        }
    }

    @Test
    void aMissingOrWrongSecretIsRefusedAndNothingIsPublished() {
        String update = "{\"update_id\": 1, \"message\": {\"message_id\": 1, \"chat\": {\"id\": %d}, \"from\": {\"id\": %d}, \"text\": \"/start\"}}"
                .formatted(user, user);
        given().contentType(ContentType.JSON).body(update).post("/telegram/webhook").then().statusCode(401);
        given().contentType(ContentType.JSON).header("X-Telegram-Bot-Api-Secret-Token", "wrong")
                .body(update).post("/telegram/webhook").then().statusCode(401);
        given().contentType(ContentType.JSON)
                .header("X-Telegram-Bot-Api-Secret-Token", GatewayHarness.webhookSecret() + "x")
                .body(update).post("/telegram/webhook").then().statusCode(401);
        assertEquals(List.of(), commandsBeforeMarker());
    }

    @Test
    void malformedBodiesAre400WithAReason() {
        Map<String, String> reasons = Map.of(
                "{not json", "the body is not JSON",
                "[1, 2]", "the body is not a JSON object",
                "\"text\"", "the body is not a JSON object",
                "", "the body is not a JSON object",
                "{\"update_id\": \"7\"}", "the update has no numeric update_id",
                "{\"message\": {}}", "the update has no numeric update_id");
        reasons.forEach((body, reason) -> given().contentType(ContentType.JSON)
                .header("X-Telegram-Bot-Api-Secret-Token", GatewayHarness.webhookSecret())
                .body(body).post("/telegram/webhook").then().statusCode(400).body("error", equalTo(reason)));
    }

    @Test
    void anOversizedBodyIsRefused() {
        String huge = "{\"update_id\": 1, \"x\": \"" + "a".repeat(2 * 1024 * 1024) + "\"}";
        given().contentType(ContentType.JSON).header("X-Telegram-Bot-Api-Secret-Token", GatewayHarness.webhookSecret())
                .body(huge).post("/telegram/webhook").then().statusCode(413);
    }

    @Test
    void aReplayedUpdateIsAcknowledgedAndPublishedOnce() {
        long updateId = 900_000_000L + user % 100_000_000L;
        String update = "{\"update_id\": %d, \"message\": {\"message_id\": 3, \"chat\": {\"id\": %d}, \"from\": {\"id\": %d}, \"text\": \"/status\"}}"
                .formatted(updateId, user, user);
        for (int i = 0; i < 3; i++) {
            given().contentType(ContentType.JSON).header("X-Telegram-Bot-Api-Secret-Token", GatewayHarness.webhookSecret())
                    .body(update).post("/telegram/webhook").then().statusCode(200);
        }
        List<JsonNode> published = commandsBeforeMarker();
        assertEquals(1, published.size(), published.toString());
        assertEquals("tg-" + updateId, published.get(0).get("commandId").asText());
    }

    @Test
    void updateKindsTheBotDoesNotHandleAre200AndCounted() {
        double before = ignoredCount("edited_message") + ignoredCount("channel_post") + ignoredCount("my_chat_member")
                + ignoredCount("message");
        // Telegram sends only allowed_updates, but an older registration may still send others.
        for (String update : List.of(
                "{\"update_id\": 11, \"edited_message\": {\"message_id\": 1, \"chat\": {\"id\": %d}, \"from\": {\"id\": %d}, \"text\": \"edited\"}}",
                "{\"update_id\": 12, \"channel_post\": {\"message_id\": 1, \"chat\": {\"id\": -1001}, \"text\": \"post\"}}",
                "{\"update_id\": 13, \"my_chat_member\": {\"chat\": {\"id\": %d}, \"from\": {\"id\": %d}}}")) {
            given().contentType(ContentType.JSON).header("X-Telegram-Bot-Api-Secret-Token", GatewayHarness.webhookSecret())
                    .body(update.formatted(user, user, user, user)).post("/telegram/webhook").then().statusCode(200);
        }
        // A sticker is a message, so the simulator delivers it like Telegram would.
        telegram.inject("{\"message\": {\"message_id\": 2, \"date\": 1, \"chat\": {\"id\": %d, \"type\": \"private\"}, \"from\": {\"id\": %d, \"is_bot\": false, \"first_name\": \"A\"}, \"sticker\": {\"file_id\": \"s\"}}}".formatted(user, user));
        telegram.send(user, "/help");
        // The update after it arrives, so the simulator had a 200 for the sticker (it delivers in order).
        assertEquals("help", commandsOf(1).get(0).get("command").asText());
        assertEquals(before + 4, ignoredCount("edited_message") + ignoredCount("channel_post")
                + ignoredCount("my_chat_member") + ignoredCount("message"));
        // A command in that chat is published; the channel post before it was not.
        telegram.inject("{\"message\": {\"message_id\": 3, \"date\": 1, \"chat\": {\"id\": -1001, \"type\": \"supergroup\", \"title\": \"G\"}, \"from\": {\"id\": %d, \"is_bot\": false, \"first_name\": \"A\"}, \"text\": \"/help\"}}".formatted(user));
        assertEquals(List.of(), beforeMarker("-1001"));
    }

    private static double ignoredCount(String kind) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(line -> line.startsWith("devbot_gateway_updates_total{") && line.contains("kind=\"" + kind + "\"")
                        && line.contains("outcome=\"ignored\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void theOperatorSeesTheWebhookAsTelegramHasIt() {
        Map<String, Object> info = given().auth().preemptive()
                .basic("operator", ai.devbot.testsupport.PlatformCredentials.operatorPassword())
                .get("/api/admin/telegram/webhook").then().statusCode(200).extract().jsonPath().getMap("$");
        assertEquals("WEBHOOK", info.get("ingress"));
        @SuppressWarnings("unchecked")
        Map<String, Object> webhook = (Map<String, Object>) info.get("webhook");
        assertTrue(String.valueOf(webhook.get("url")).endsWith("/telegram/webhook"), webhook.toString());
        assertEquals(List.of("message", "callback_query", "pre_checkout_query"), webhook.get("allowed_updates"));
        given().auth().preemptive().basic("service", ai.devbot.testsupport.PlatformCredentials.servicePassword())
                .get("/api/admin/telegram/webhook").then().statusCode(403);
        given().get("/api/admin/telegram/webhook").then().statusCode(401);
    }

}
