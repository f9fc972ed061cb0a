package ai.devbot.gateway.ingress;

import static ai.devbot.gateway.GatewayHarness.COMMANDS;
import static ai.devbot.gateway.GatewayHarness.json;
import static io.restassured.RestAssured.given;
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
                .get("/api/admin/telegram/ingress").then().statusCode(200).extract().path("ingress").equals("POLLING");

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
        // Confirmed updates are not delivered again by getUpdates: nothing more arrives.
        assertEquals(4, commands.settle(r -> r.key().equals(Long.toString(user)), Duration.ofSeconds(2)).size());

        // Back to the webhook: getUpdates stops, the webhook takes over.
        GatewayHarness.registerWebhook();
        telegram.send(user, "/status");
        assertEquals("status", json(commands.await(r -> r.key().equals(Long.toString(user)), 5, Duration.ofSeconds(20))
                .get(4).value()).get("command").asText());
    }

    @Test
    void anIngressSwitchWithoutAModeIs400() {
        given().auth().preemptive().basic("operator", PlatformCredentials.operatorPassword()).contentType(ContentType.JSON)
                .body("{}").put("/api/admin/telegram/ingress").then().statusCode(400);
        given().auth().preemptive().basic("operator", PlatformCredentials.operatorPassword()).contentType(ContentType.JSON)
                .body("{\"mode\": \"CARRIER_PIGEON\"}").put("/api/admin/telegram/ingress").then().statusCode(400);
    }
}
