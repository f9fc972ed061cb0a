package ai.devbot.gateway;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.devbot.testsupport.PlatformCredentials;
import ai.devbot.testsupport.TelegramSimulator;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/** What the gateway's tests share: the simulator, the topics, operator calls, fresh user ids. */
public final class GatewayHarness {

    public static final String COMMANDS = "test-bot-commands";
    public static final String REPLIES = "test-bot-replies";
    public static final String REPLIES_DLQ = "test-bot-replies-dlq";
    public static final ObjectMapper JSON = new ObjectMapper();

    private GatewayHarness() {
    }

    public static String kafka() {
        return ConfigProvider.getConfig().getOptionalValue("kafka.bootstrap.servers", String.class)
                .orElse("127.0.0.1:59092");
    }

    public static TelegramSimulator simulator() {
        return TelegramSimulator.running();
    }

    /** A user id no other test (or earlier run) has used, so chats never mix. */
    public static long freshUser() {
        return 5_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L);
    }

    public static String webhookSecret() {
        String secret = System.getenv("TELEGRAM_WEBHOOK_SECRET");
        if (secret == null) {
            throw new IllegalStateException("TELEGRAM_WEBHOOK_SECRET is not set: run the tests with 'deploy/local/devbot test'");
        }
        return secret;
    }

    public static String signingKey() {
        return System.getenv("STARS_PAYLOAD_SIGNING_KEY");
    }

    /** Points the simulator's webhook at this gateway (and makes WEBHOOK the live ingress). */
    public static void registerWebhook() {
        given().auth().preemptive().basic("operator", PlatformCredentials.operatorPassword())
                .contentType(ContentType.JSON)
                .body(Map.of("url", "http://127.0.0.1:" + RestAssured.port + "/telegram/webhook"))
                .put("/api/admin/telegram/webhook").then().statusCode(200);
    }

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
