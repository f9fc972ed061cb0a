package ai.devbot.orchestrator.payment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ai.devbot.testsupport.PlatformCredentials;
import ai.devbot.testsupport.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A Stars payment is never lost, whatever billing does: real Kafka and Redis, billing played by
 * {@link FakeBilling}. Without the pending store the first test fails (the payment was acknowledged
 * with "try again" and never asked for again).
 */
@QuarkusTest
@QuarkusTestResource(value = FakeBilling.class, restrictToAnnotatedClass = true)
class PaymentsTest {

    static final String KAFKA = "127.0.0.1:59092";
    static TopicReader replies;

    @BeforeAll
    static void readReplies() {
        replies = new TopicReader(KAFKA, "test-orchestrator-bot-replies");
    }

    @AfterAll
    static void close() {
        replies.close();
    }

    @BeforeEach
    void billingIsDown() {
        FakeBilling.mode = FakeBilling.Mode.UNAVAILABLE;
    }

    static long newUser() {
        return 7_000_000_000L + (long) (Math.random() * 1e9);
    }

    static String payment(String commandId, long user, String chargeId) {
        return """
                {"commandId":"%s","updateId":5,"chatId":%d,"userId":%d,"kind":"PAYMENT","receivedAt":"2026-12-01T08:00:00Z",\
                "payment":{"currency":"XTR","totalAmount":50,"invoicePayload":"v1.pack-50.50.%d.1764576000.AAAAAAAAAAAAAAAAAAAAAA",\
                "telegramPaymentChargeId":"%s","providerPaymentChargeId":""}}""".formatted(commandId, user, user, user, chargeId);
    }

    List<ConsumerRecord<String, String>> repliesTo(long chat, int count, int seconds) {
        return replies.await(r -> r.key().equals(Long.toString(chat)), count, Duration.ofSeconds(seconds));
    }

    static long purchasesOf(String chargeId) {
        return FakeBilling.purchases.stream().filter(body -> body.contains("\"" + chargeId + "\"")).count();
    }

    static io.restassured.specification.RequestSpecification operator() {
        return given().auth().preemptive().basic("operator", PlatformCredentials.operatorPassword());
    }

    @Test
    void aPaymentWhileBillingIsDownIsToldPendingRetriedAndCreditedOnceWhenBillingAnswers() {
        long user = newUser();
        String charge = "charge-down-" + user;
        TopicReader.send(KAFKA, "test-orchestrator-bot-commands", Long.toString(user), payment("tg-pay-" + user, user, charge));
        String first = repliesTo(user, 1, 60).get(0).value();
        assertTrue(first.contains("arrived") && first.contains("shortly") && first.contains(charge), first);
        assertTrue(first.contains("\"replyId\":\"tg-pay-" + user + "/pending\""), first);
        operator().get("/api/admin/payments/{id}", charge).then().statusCode(200).body("state", equalTo("PENDING"))
                .body("userId", equalTo(user)).body("totalAmount", equalTo(50));

        long askedWhileDown = purchasesOf(charge);
        FakeBilling.mode = FakeBilling.Mode.GRANTING;
        String credited = repliesTo(user, 2, 60).get(1).value();
        assertTrue(credited.contains("is credited") && credited.contains("50,000 credits"), credited);
        assertTrue(credited.contains("\"replyId\":\"tg-pay-" + user + "/credited\""), credited);
        operator().get("/api/admin/payments/{id}", charge).then().statusCode(404);
        assertTrue(askedWhileDown >= 1, "billing was asked while down");
        // Once granted, nobody asks again: no more retries, no more messages. Retries are timed (a check every
        // second, waits of at most 2 s in tests), so 4 s of quiet spans two retry rounds.
        long asked = purchasesOf(charge);
        assertEquals(2, replies.settle(r -> r.key().equals(Long.toString(user)), Duration.ofSeconds(4)).size());
        assertEquals(asked, purchasesOf(charge));
    }

    @Test
    void aPaymentDeliveredThreeTimesIsAnsweredOnce() {
        FakeBilling.mode = FakeBilling.Mode.GRANTING;
        long user = newUser();
        String charge = "charge-thrice-" + user;
        String command = payment("tg-pay3-" + user, user, charge);
        TopicReader.send(KAFKA, "test-orchestrator-bot-commands", Long.toString(user), command, command, command);
        String thanks = repliesTo(user, 1, 60).get(0).value();
        assertTrue(thanks.contains("Thank you") && thanks.contains("50,000 credits"), thanks);
        TopicReader.send(KAFKA, "test-orchestrator-bot-commands", Long.toString(user), """
                {"commandId":"tg-mark-%d","updateId":1,"chatId":%d,"userId":%d,"kind":"COMMAND","command":"help"}"""
                .formatted(user, user, user));
        List<ConsumerRecord<String, String>> answered = replies.upTo(r -> r.key().equals(Long.toString(user)),
                r -> r.value().contains("\"inReplyTo\":\"tg-mark-" + user + "\""), Duration.ofSeconds(30));
        assertEquals(2, answered.size(), "one thanks, then the marker's answer: " + answered);
        assertEquals(1, purchasesOf(charge), "billing asked once");
    }

    @Test
    void aRefusedPaymentIsKeptForOperatorsAndTheirReplayCreditsIt() {
        FakeBilling.mode = FakeBilling.Mode.REFUSING;
        long user = newUser();
        String charge = "charge-refused-" + user;
        TopicReader.send(KAFKA, "test-orchestrator-bot-commands", Long.toString(user), payment("tg-payr-" + user, user, charge));
        String refused = repliesTo(user, 1, 60).get(0).value();
        assertTrue(refused.contains("could not be credited") && refused.contains(charge), refused);
        operator().get("/api/admin/payments").then().statusCode(200)
                .body("find { it.chargeId == '" + charge + "' }.state", equalTo("REFUSED"));
        // Refused payments are not retried on their own: 3 s spans more than one retry round (see above).
        long asked = purchasesOf(charge);
        replies.settle(r -> r.key().equals(Long.toString(user)), Duration.ofSeconds(3));
        assertEquals(asked, purchasesOf(charge));

        FakeBilling.mode = FakeBilling.Mode.GRANTING;
        operator().post("/api/admin/payments/{id}/replay", charge).then().statusCode(200)
                .body("outcome", equalTo("CREDITED"));
        String credited = repliesTo(user, 2, 30).get(1).value();
        assertTrue(credited.contains("is credited"), credited);
        operator().post("/api/admin/payments/{id}/replay", charge).then().statusCode(404);
    }

    @Test
    void aDeadLetteredPaymentCommandCanBeTakenInByAnOperator() {
        FakeBilling.mode = FakeBilling.Mode.GRANTING;
        long user = newUser();
        String charge = "charge-dlq-" + user;
        operator().contentType(ContentType.JSON).body(payment("tg-payd-" + user, user, charge))
                .post("/api/admin/payments").then().statusCode(200).body("outcome", equalTo("CREDITED"));
        assertTrue(repliesTo(user, 1, 30).get(0).value().contains("Thank you"));
        operator().contentType(ContentType.JSON).body("""
                {"commandId":"tg-x","chatId":1,"userId":1,"kind":"COMMAND","command":"help"}""")
                .post("/api/admin/payments").then().statusCode(400);
        given().contentType(ContentType.JSON).body(payment("tg-payd2-" + user, user, charge)).post("/api/admin/payments")
                .then().statusCode(401);
    }
}
