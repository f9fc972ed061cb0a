package ai.devbot.gateway.telegram;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import ai.devbot.gateway.GatewayHarness;
import ai.devbot.testsupport.PlatformCredentials;
import ai.devbot.testsupport.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The bot token is part of every Bot API request path, and Vert.x names the request in timeout and
 * connection errors. With Telegram timing out, then refusing connections, the token must appear in no
 * log line, dead-letter record or header, metric, health answer or operator response.
 */
@QuarkusTest
@QuarkusTestResource(value = BlackHoleTelegram.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BotTokenNeverLeaksTest {

    static final String TOKEN_ID = BlackHoleTelegram.TOKEN.substring(BlackHoleTelegram.TOKEN.indexOf(':') + 1);
    static final List<String> logged = new CopyOnWriteArrayList<>();
    static final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            StringBuilder line = new StringBuilder(String.valueOf(record.getMessage()));
            if (record.getParameters() != null) {
                for (Object parameter : record.getParameters()) {
                    line.append(' ').append(parameter);
                }
            }
            for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                line.append(' ').append(t);
            }
            logged.add(line.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    static TopicReader deadLetters;

    @BeforeAll
    static void listen() {
        Logger.getLogger("").addHandler(capture);
        deadLetters = new TopicReader(GatewayHarness.kafka(), GatewayHarness.REPLIES_DLQ);
    }

    @AfterAll
    static void stopListening() {
        Logger.getLogger("").removeHandler(capture);
        deadLetters.close();
    }

    static void assertNoToken(String sink, String text) {
        assertFalse(text.contains(TOKEN_ID), "the bot token leaked into " + sink + ": " + text);
    }

    /** A reply Telegram never answers: it fails its attempts and lands on the dead-letter topic. */
    static ConsumerRecord<String, String> deadLetteredReply() {
        long chat = GatewayHarness.freshUser();
        TopicReader.send(GatewayHarness.kafka(), GatewayHarness.REPLIES, Long.toString(chat), """
                {"replyId":"leak-%d/1","chatId":%d,"kind":"MESSAGE","text":"hello"}""".formatted(chat, chat));
        return deadLetters.await(r -> Long.toString(chat).equals(r.key()), 1, Duration.ofSeconds(60)).get(0);
    }

    static void assertNoSinkHoldsTheToken(ConsumerRecord<String, String> deadLetter, String what) {
        assertNoToken("a dead-letter record", deadLetter.value());
        StringBuilder headers = new StringBuilder();
        for (Header header : deadLetter.headers()) {
            headers.append(header.key()).append('=').append(new String(header.value(), StandardCharsets.UTF_8)).append('\n');
        }
        assertTrue(headers.toString().contains(what), "the header says what failed: " + headers);
        assertNoToken("dead-letter headers", headers.toString());
        String operator = given().auth().preemptive().basic("operator", PlatformCredentials.operatorPassword())
                .get("/api/admin/telegram/webhook").then().extract().asString();
        assertTrue(operator.contains("Telegram"), operator);
        assertNoToken("the operator API", operator);
        assertNoToken("health", given().get("/q/health").then().extract().asString());
        assertNoToken("metrics", given().get("/q/metrics").then().extract().asString());
        assertFalse(logged.isEmpty(), "the failures were logged");
        logged.forEach(line -> assertNoToken("the log", line));
    }

    @Test
    @Order(1)
    void aTimedOutBotApiCallNamesNoToken() {
        assertNoSinkHoldsTheToken(deadLetteredReply(), "no answer from the Bot API");
        assertTrue(logged.stream().anyMatch(line -> line.contains("<bot-token>") || line.contains("timeout")),
                "what was logged: " + logged);
    }

    @Test
    @Order(2)
    void aRefusedBotApiConnectionNamesNoToken() throws Exception {
        BlackHoleTelegram.refuse();
        logged.clear();
        assertNoSinkHoldsTheToken(deadLetteredReply(), "no answer from the Bot API");
    }
}
