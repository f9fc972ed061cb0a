package ai.devbot.billing.usage;

import static ai.devbot.billing.support.BillingApi.assertInvariants;
import static ai.devbot.billing.support.BillingApi.balance;
import static ai.devbot.billing.support.BillingApi.id;
import static ai.devbot.billing.support.BillingApi.newAccount;
import static ai.devbot.billing.support.BillingApi.operator;
import static ai.devbot.billing.support.BillingApi.service;
import static ai.devbot.billing.support.BillingApi.usage;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class UsageChargingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    // The test profile's settings (application.properties, %test): the packaged application of the
    // *IT variant reads them too, while the test itself runs outside Quarkus.
    static final String KAFKA = "127.0.0.1:59092";
    static final String USAGE_TOPIC = "test-billing-usage";
    static final String DEAD_LETTER_TOPIC = "test-billing-usage-dlq";

    @AfterEach
    void moneyInvariantsHold() {
        assertInvariants();
    }

    @Test
    void eventsReplayedThreeTimesAndOutOfOrderOverKafkaAreChargedOnce() throws Exception {
        long user = newAccount();
        Instant now = Instant.now();
        List<Map<String, Object>> events = List.of(
                usage(id("evt"), user, null, "gemini", "gemini-2.5-flash", 10_000, 2_000, now.minusSeconds(30)),
                usage(id("evt"), user, null, "gemini", "gemini-2.5-flash", 20_000, 4_000, now.minusSeconds(20)),
                usage(id("evt"), user, null, "openrouter", "qwen/qwen3-coder", 50_000, 10_000, now.minusSeconds(10)));
        List<Map<String, Object>> deliveries = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            deliveries.addAll(events);
        }
        Collections.shuffle(deliveries, new Random(7));
        try (var producer = producer()) {
            for (Map<String, Object> event : deliveries) {
                producer.send(new ProducerRecord<>(USAGE_TOPIC, String.valueOf(user), JSON.writeValueAsString(event))).get();
            }
        }
        // flash: 30,000/M in, 250,000/M out → 300+500 and 600+1,000; qwen: 1,100 + 950.
        long expected = 50_000 - (800 + 1_600 + 2_050);
        await().atMost(Duration.ofSeconds(30)).until(() -> balance(user) == expected);
        Thread.sleep(1_500);
        assertEquals(expected, balance(user));
        operator().get("/api/admin/accounts/" + user + "/ledger").then().body("total", equalTo(4));
    }

    @Test
    void usageForAJobConsumesItsReservation() {
        long user = newAccount();
        String job = id("job");
        service().body(Map.of("reservationId", id("res"), "userId", user, "jobId", job, "amount", 10_000))
                .post("/api/v1/reservations").then().statusCode(201);
        service().body(usage(id("evt"), user, job, "gemini", "gemini-2.5-flash", 100_000, 10_000, Instant.now()))
                .post("/api/v1/usage").then().statusCode(200).body("cost", equalTo(5_500));
        service().get("/api/v1/accounts/" + user).then().body("balance", equalTo(44_500)).body("reserved", equalTo(4_500));
    }

    @Test
    void sandboxTimeAsTheContractCarriesItIsChargedAtItsPriceOnceFromTheJobsReservation() throws Exception {
        long user = newAccount();
        String job = id("job");
        service().body(Map.of("reservationId", id("res"), "userId", user, "jobId", job, "amount", 1_000))
                .post("/api/v1/reservations").then().statusCode(201);
        @SuppressWarnings("unchecked")
        Map<String, Object> event = new com.fasterxml.jackson.databind.ObjectMapper().readValue(
                java.nio.file.Path.of("..", "docs", "contracts", "billing-usage", "usage-sandbox.json").toFile(), Map.class);
        event.put("eventId", id("sandbox"));
        event.put("userId", user);
        event.put("jobId", job);
        event.put("occurredAt", Instant.now().toString());
        // 4,180 ms at 2 credits a second is 8.36, rounded up like every charge.
        service().body(event).post("/api/v1/usage").then().statusCode(200).body("cost", equalTo(9))
                .body("fallbackPrice", equalTo(false));
        service().body(event).post("/api/v1/usage").then().statusCode(200).body("duplicate", equalTo(true));
        service().get("/api/v1/accounts/" + user).then().body("balance", equalTo(50_000 - 9)).body("reserved", equalTo(991));
        operator().get("/api/admin/accounts/" + user + "/ledger").then()
                .body("entries[0].reason", equalTo("sandbox/local 4180 ms"));
    }

    @Test
    void aPriceChangeNeverRepricesEarlierUsage() {
        long user = newAccount();
        String model = "test-model-" + user;
        Instant t0 = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Instant t1 = t0.plus(1, ChronoUnit.HOURS);
        operator().body(Map.of("provider", "openrouter", "model", model, "inputPerMillion", 1_000_000,
                "outputPerMillion", 1_000_000, "effectiveFrom", t0.toString())).post("/api/admin/prices").then().statusCode(201);
        operator().body(Map.of("provider", "openrouter", "model", model, "inputPerMillion", 2_000_000,
                "outputPerMillion", 2_000_000, "effectiveFrom", t1.toString())).post("/api/admin/prices").then().statusCode(201);
        // 1,000 tokens before the change cost 1,000; the same after it cost 2,000 — charged in either order.
        service().body(usage(id("evt"), user, null, "openrouter", model, 1_000, 0, t1.plusSeconds(60)))
                .post("/api/v1/usage").then().statusCode(200).body("cost", equalTo(2_000));
        service().body(usage(id("evt"), user, null, "openrouter", model, 1_000, 0, t0.plusSeconds(60)))
                .post("/api/v1/usage").then().statusCode(200).body("cost", equalTo(1_000));
        operator().body(Map.of("provider", "openrouter", "model", model, "inputPerMillion", 5, "outputPerMillion", 5,
                "effectiveFrom", t1.toString())).post("/api/admin/prices").then().statusCode(409);
    }

    @Test
    void anUnknownModelIsChargedAtTheFallbackPriceAndFlagged() {
        long user = newAccount();
        service().body(usage(id("evt"), user, null, "openrouter", "mystery/model-x", 1_000, 1_000, Instant.now()))
                .post("/api/v1/usage").then().statusCode(200)
                .body("fallbackPrice", equalTo(true)).body("cost", equalTo(1_800));
        operator().get("/api/admin/accounts/" + user + "/ledger").then()
                .body("entries[0].reason", org.hamcrest.Matchers.containsString("fallback price"));
    }

    @Test
    void aRepeatedEventOverRestReturnsTheOriginalCharge() {
        long user = newAccount();
        Map<String, Object> event = usage(id("evt"), user, null, "gemini", "gemini-2.5-pro", 1_000, 1_000, Instant.now());
        service().body(event).post("/api/v1/usage").then().statusCode(200).body("duplicate", equalTo(false))
                .body("cost", equalTo(1_125));
        service().body(event).post("/api/v1/usage").then().statusCode(200).body("duplicate", equalTo(true))
                .body("cost", equalTo(1_125));
        assertEquals(50_000 - 1_125, balance(user));
    }

    @Test
    void invalidEventsOverRestAre400() {
        service().body(Map.of("eventId", "x", "userId", 5)).post("/api/v1/usage").then().statusCode(400);
        long user = newAccount();
        service().body(usage(id("evt"), user, null, "gemini", "gemini-2.5-pro", -1, 0, Instant.now()))
                .post("/api/v1/usage").then().statusCode(400);
    }

    @Test
    void aTokenCountThatWouldOverflowThePriceIsRefusedAndChargesNothing() {
        long user = newAccount();
        // 10^17 tokens × 250,000 credits per million overflows a bigint in the cost computation.
        service().body(usage(id("huge"), user, null, "gemini", "gemini-2.5-flash", 0, 100_000_000_000_000_000L,
                Instant.now())).post("/api/v1/usage").then().statusCode(400)
                .body("error", org.hamcrest.Matchers.containsString("not one call's usage"));
        assertEquals(50_000, balance(user), "nothing charged");
        // The bound itself is priced exactly.
        service().body(usage(id("max"), user, null, "gemini", "gemini-2.5-flash", 100_000_000, 100_000_000,
                Instant.now())).post("/api/v1/usage").then()
                .body("cost", equalTo((int) ((100_000_000L * 30_000 + 100_000_000L * 250_000 + 999_999) / 1_000_000)));
    }

    @Test
    void servicesReadAModelsPriceInForceNowOrTheFlaggedFallback() {
        service().queryParam("provider", "gemini").queryParam("model", "gemini-2.5-flash").get("/api/v1/prices").then()
                .statusCode(200).body("inputPerMillion", equalTo(30_000)).body("outputPerMillion", equalTo(250_000))
                .body("fallbackPrice", equalTo(false));
        service().queryParam("provider", "openrouter").queryParam("model", "qwen/qwen3-coder").get("/api/v1/prices")
                .then().statusCode(200).body("outputPerMillion", equalTo(95_000));
        service().queryParam("provider", "gemini").queryParam("model", "never-priced").get("/api/v1/prices").then()
                .statusCode(200).body("fallbackPrice", equalTo(true)).body("outputPerMillion", equalTo(1_500_000));
        service().queryParam("provider", "gemini").get("/api/v1/prices").then().statusCode(400);
        io.restassured.RestAssured.given().queryParam("provider", "gemini").queryParam("model", "x")
                .get("/api/v1/prices").then().statusCode(401);
    }

    @Test
    void aPriceAboveTheBoundIsRefused() {
        operator().body(Map.of("provider", "gemini", "model", "bound-test", "inputPerMillion", 1_000_000_001L,
                "outputPerMillion", 1)).post("/api/admin/prices").then().statusCode(400);
    }

    @Test
    void malformedEventsGoToTheDeadLetterTopicWithTheReason() throws Exception {
        String marker = id("poison");
        try (var consumer = new KafkaConsumer<String, String>(Map.of("bootstrap.servers", KAFKA, "group.id", marker,
                "auto.offset.reset", "latest", "key.deserializer", StringDeserializer.class,
                "value.deserializer", StringDeserializer.class))) {
            consumer.subscribe(List.of(DEAD_LETTER_TOPIC));
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(200));
                return !consumer.assignment().isEmpty();
            });
            try (var producer = producer()) {
                producer.send(new ProducerRecord<>(USAGE_TOPIC, "1", "{ not json " + marker)).get();
                producer.send(new ProducerRecord<>(USAGE_TOPIC, "1",
                        "{\"eventId\":\"" + marker + "\",\"provider\":\"gemini\",\"model\":\"m\"}")).get();
            }
            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> {
                    if (r.value().contains(marker)) {
                        received.add(r);
                    }
                });
                return received.size() == 2;
            });
            String firstReason = new String(received.get(0).headers().lastHeader("devbot-error").value(), StandardCharsets.UTF_8);
            String secondReason = new String(received.get(1).headers().lastHeader("devbot-error").value(), StandardCharsets.UTF_8);
            assertTrue(firstReason.startsWith("malformed JSON"), firstReason);
            assertEquals("userId is missing", secondReason);
        }
    }

    @Test
    void apiKeyUsageIsCountedPerAliasAndDayWithoutTheKey() {
        long user = newAccount();
        Map<String, Object> ok = usage(id("evt"), user, null, "openrouter", "qwen/qwen3-coder", 100, 50, Instant.now());
        ok.put("keyAlias", "alias-" + user);
        Map<String, Object> failed = usage(id("evt"), user, null, "openrouter", "qwen/qwen3-coder", 100, 0, Instant.now());
        failed.put("keyAlias", "alias-" + user);
        failed.put("succeeded", false);
        service().body(ok).post("/api/v1/usage").then().statusCode(200);
        service().body(failed).post("/api/v1/usage").then().statusCode(200);
        operator().get("/api/admin/api-key-usage").then().statusCode(200)
                .body("findAll { it.keyAlias == 'alias-" + user + "' }.requests", hasItem(2))
                .body("findAll { it.keyAlias == 'alias-" + user + "' }.errors", hasItem(1))
                .body("findAll { it.keyAlias == 'alias-" + user + "' }.inputTokens", hasItem(200));
        operator().get("/api/admin/totals").then().statusCode(200).body("kind", hasItem("USAGE"));
    }

    private KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of("bootstrap.servers", KAFKA, "acks", "all",
                "key.serializer", StringSerializer.class, "value.serializer", StringSerializer.class));
    }
}
