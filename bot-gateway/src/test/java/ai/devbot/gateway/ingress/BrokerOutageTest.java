package ai.devbot.gateway.ingress;

import static ai.devbot.gateway.GatewayHarness.COMMANDS;
import static ai.devbot.gateway.GatewayHarness.json;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import ai.devbot.gateway.GatewayHarness;
import ai.devbot.testsupport.LocalKafka;
import ai.devbot.testsupport.PlatformCredentials;
import ai.devbot.testsupport.TelegramSimulator;
import ai.devbot.testsupport.SimulatorResource;
import ai.devbot.testsupport.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** No lost update: while Kafka is away the webhook answers 503, Telegram re-sends, and every update lands. */
@QuarkusTest
@QuarkusTestResource(SimulatorResource.class)
class BrokerOutageTest {

    private static final Logger LOG = Logger.getLogger(BrokerOutageTest.class);

    @Test
    void updatesSentDuringABrokerOutageAre503sAndAllArePublishedAfterRecovery() throws Exception {
        GatewayHarness.registerWebhook();
        TelegramSimulator telegram = GatewayHarness.simulator();
        long user = GatewayHarness.freshUser();
        try (TopicReader commands = new TopicReader(GatewayHarness.kafka(), COMMANDS)) {
            Set<String> sent = new LinkedHashSet<>();
            sent.add("tg-" + telegram.send(user, "/start"));
            commands.await(r -> r.key().equals(Long.toString(user)), 1, Duration.ofSeconds(20));

            LocalKafka.pause();
            try {
                for (int i = 1; i <= 5; i++) {
                    sent.add("tg-" + telegram.send(user, "message " + i + " during the outage"));
                }
                awaitWebhookError("503");
            } finally {
                LocalKafka.resume();
            }

            // A marker sent after the outage comes after every redelivery of the updates before it.
            telegram.send(user, "/help");
            List<ConsumerRecord<String, String>> published = commands.upTo(r -> r.key().equals(Long.toString(user)),
                    r -> "help".equals(json(r.value()).path("command").asText()), Duration.ofSeconds(60));
            List<String> ids = new ArrayList<>(published.subList(0, published.size() - 1).stream()
                    .map(r -> json(r.value()).get("commandId").asText()).toList());
            assertEquals(sent, new LinkedHashSet<>(ids), "every update was published, and nothing else");
            // A record the frozen broker took before the gateway gave up may land twice; it keeps its commandId,
            // which is what the orchestrator de-duplicates on.
            LOG.infof("published %d records for %d updates", ids.size(), sent.size());
            assertTrue(ids.size() >= sent.size());
            List<String> firstSeen = new ArrayList<>(new LinkedHashSet<>(ids));
            assertEquals(new ArrayList<>(sent), firstSeen, "in the order the user sent them");
        }
    }

    private static void awaitWebhookError(String expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String error = "";
        while (System.nanoTime() < deadline) {
            error = String.valueOf(given().auth().preemptive().basic("operator", PlatformCredentials.operatorPassword())
                    .get("/api/admin/telegram/webhook").then().extract().jsonPath().getString("webhook.last_error_message"));
            if (error.contains(expected)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("Telegram never saw a " + expected + " from the webhook; last error: " + error);
    }
}
