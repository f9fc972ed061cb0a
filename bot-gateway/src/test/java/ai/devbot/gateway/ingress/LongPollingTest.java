package ai.devbot.gateway.ingress;

import static ai.devbot.gateway.GatewayHarness.COMMANDS;
import static ai.devbot.gateway.GatewayHarness.json;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import ai.devbot.gateway.GatewayHarness;
import ai.devbot.testsupport.PlatformCredentials;
import ai.devbot.testsupport.TelegramSimulator;
import ai.devbot.testsupport.SimulatorResource;
import ai.devbot.testsupport.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(SimulatorResource.class)
class LongPollingTest {

    static TopicReader commands;

    @BeforeAll
    static void readCommands() {
        commands = new TopicReader(GatewayHarness.kafka(), COMMANDS);
    }

    @AfterEach
    void backToTheWebhook() {
        GatewayHarness.registerWebhook();
    }

    @AfterAll
    static void close() {
        commands.close();
    }

    static void switchIngress(String mode) {
        given().auth().preemptive().basic("operator", PlatformCredentials.operatorPassword()).contentType(ContentType.JSON)
                .body(Map.of("mode", mode)).put("/api/admin/telegram/ingress").then().statusCode(200);
    }

    @Test
    void longPollingDeliversTheSameCommandsAndConfirmsOnlyWhatKafkaHas() {
        TelegramSimulator telegram = GatewayHarness.simulator();
        long user = GatewayHarness.freshUser();
        switchIngress("POLLING");
        given().auth().preemptive().basic("operator", PlatformCredentials.operatorPassword())
                .get("/api/admin/telegram/ingress").then().statusCode(200).body("ingress", equalTo("POLLING"));

        telegram.send(user, "/start");
        telegram.send(user, "/newproject A word counter");
        telegram.send(user, "/start@otherbot");
        telegram.send(user, "make it fast");
        telegram.press(user, "plan:p17", true);

        List<JsonNode> published = commands.await(r -> r.key().equals(Long.toString(user)), 4, Duration.ofSeconds(30))
                .stream().map(r -> json(r.value())).toList();
        assertEquals(List.of("start", "newproject"), published.subList(0, 2).stream().map(c -> c.get("command").asText()).toList());
        assertEquals("make it fast", published.get(2).get("text").asText());
        assertEquals("plan:p17", published.get(3).get("callbackData").asText());
        // Confirmed updates are not delivered again: a later update comes next, with nothing repeated before it
        // (getUpdates answers in update order, so an unconfirmed batch would come back ahead of the marker).
        telegram.send(user, "/help");
        List<JsonNode> upToMarker = commands.upTo(r -> r.key().equals(Long.toString(user)),
                r -> "help".equals(json(r.value()).path("command").asText()), Duration.ofSeconds(30))
                .stream().map(r -> json(r.value())).toList();
        assertEquals(5, upToMarker.size(), "the four updates once, then the marker: " + upToMarker);
        assertEquals("help", upToMarker.get(4).get("command").asText());
        // ...and Telegram holds none of them any more: every published update was confirmed by the next offset.
        assertEquals(0, awaitPendingUpdates(0));

        // Back to the webhook: getUpdates stops, the webhook takes over.
        GatewayHarness.registerWebhook();
        telegram.send(user, "/status");
        assertEquals("status", json(commands.await(r -> r.key().equals(Long.toString(user)), 6, Duration.ofSeconds(20))
                .get(5).value()).get("command").asText());
    }

    /** Telegram's pending_update_count once it is {@code wanted}, or what it still is after 20 s. */
    static int awaitPendingUpdates(int wanted) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        int pending;
        do {
            pending = given().auth().preemptive().basic("operator", PlatformCredentials.operatorPassword())
                    .get("/api/admin/telegram/webhook").then().statusCode(200).extract().jsonPath()
                    .getInt("webhook.pending_update_count");
        } while (pending != wanted && System.nanoTime() < deadline);
        return pending;
    }

    @Test
    void anIngressSwitchWithoutAModeIs400() {
        given().auth().preemptive().basic("operator", PlatformCredentials.operatorPassword()).contentType(ContentType.JSON)
                .body("{}").put("/api/admin/telegram/ingress").then().statusCode(400);
        given().auth().preemptive().basic("operator", PlatformCredentials.operatorPassword()).contentType(ContentType.JSON)
                .body("{\"mode\": \"CARRIER_PIGEON\"}").put("/api/admin/telegram/ingress").then().statusCode(400);
    }
}
