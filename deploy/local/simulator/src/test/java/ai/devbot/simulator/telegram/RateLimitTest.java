package ai.devbot.simulator.telegram;

import static ai.devbot.simulator.SimulatorClient.bot;
import static ai.devbot.simulator.SimulatorClient.userSays;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class RateLimitTest {

    @AfterEach
    void floodControlOff() {
        limits(false, 1, 1, 30, 30);
    }

    @Test
    void aSecondMessageToTheSameChatWithinTheSecondGets429WithRetryAfter() {
        userSays(4001, "hi");
        userSays(4002, "hi");
        limits(true, 1, 1, 100, 100);
        bot("sendMessage", Map.of("chat_id", 4001, "text", "one")).statusCode(200);
        bot("sendMessage", Map.of("chat_id", 4001, "text", "two")).statusCode(429)
                .header("Retry-After", equalTo("1"))
                .body("ok", equalTo(false))
                .body("error_code", equalTo(429))
                .body("description", startsWith("Too Many Requests: retry after "))
                .body("parameters.retry_after", greaterThanOrEqualTo(1));
        // Another chat is not held back by the first one's limit.
        bot("sendMessage", Map.of("chat_id", 4002, "text", "other chat")).statusCode(200);
    }

    @Test
    void theBotWideLimitHoldsAcrossChats() {
        userSays(4003, "hi");
        userSays(4004, "hi");
        limits(true, 100, 100, 1, 1);
        bot("sendMessage", Map.of("chat_id", 4003, "text", "one")).statusCode(200);
        bot("sendMessage", Map.of("chat_id", 4004, "text", "two")).statusCode(429);
    }

    @Test
    void nonsenseLimitsAreRefused() {
        given().contentType(ContentType.JSON).body(Map.of("enabled", true, "perChatPerSecond", 0, "perChatBurst", 1,
                "globalPerSecond", 1, "globalBurst", 1)).when().put("/sim/telegram/rate-limit").then().statusCode(400);
    }

    private static void limits(boolean enabled, double perChat, int perChatBurst, double global, int globalBurst) {
        given().contentType(ContentType.JSON).body(Map.of("enabled", enabled, "perChatPerSecond", perChat,
                "perChatBurst", perChatBurst, "globalPerSecond", global, "globalBurst", globalBurst))
                .when().put("/sim/telegram/rate-limit").then().statusCode(200);
    }
}
