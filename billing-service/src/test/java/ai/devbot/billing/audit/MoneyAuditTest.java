package ai.devbot.billing.audit;

import static ai.devbot.billing.support.BillingApi.id;
import static ai.devbot.billing.support.BillingApi.newAccount;
import static ai.devbot.billing.support.BillingApi.operator;
import static ai.devbot.billing.support.BillingApi.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import ai.devbot.billing.usage.UsageEvent;
import ai.devbot.billing.usage.service.UsageCharger;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The audit finds what it exists to find: each test writes a violation into the tables behind billing's
 * back (as a bug or a hand edit would), sees the audit report exactly it — in the whole audit, not only
 * for that account — and undoes it, so the other tests' audits stay clean. A clean audit of the account
 * first shows it is the planted row that is reported.
 */
@QuarkusTest
class MoneyAuditTest {

    @Inject
    Pool pool;

    @Inject
    UsageCharger charger;

    static JsonPath audit(Long userId) {
        var request = operator();
        if (userId != null) {
            request = request.queryParam("userId", userId);
        }
        return request.get("/api/admin/audit").then().statusCode(200).extract().jsonPath();
    }

    static void assertClean(long userId) {
        JsonPath audit = audit(userId);
        assertEquals(1, audit.getInt("accounts"));
        assertEquals(List.of(), audit.getList("violations"));
        assertEquals(List.of(), audit.getList("staleHolds"));
        assertEquals(List.of(), audit.getList("unbacked"));
    }

    void sql(String statement, Object... parameters) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> pool.preparedQuery(statement).execute(Tuple.from(parameters)));
    }

    /** A model call charged through the real write path; answers its cost. */
    long charged(long user, String eventId) throws Throwable {
        // gemini-2.5-flash: 10,000 in (300) + 1,000 out (250) = 550 credits.
        UsageEvent event = new UsageEvent(eventId, user, "job-audit", 17L, "IMPLEMENT", "gemini", "gemini-2.5-flash",
                "gemini-1", 10_000, 1_000, false, true, Instant.now(), null);
        return VertxContextSupport.subscribeAndAwait(() -> pool.withTransaction(tx -> charger.charge(tx, event))).cost();
    }

    @Test
    void aBalanceThatIsNotTheSumOfItsLedgerIsReported() throws Throwable {
        long user = newAccount();
        assertClean(user);
        sql("UPDATE billing.account SET balance = balance + 7 WHERE user_id = $1", user);
        try {
            List<Map<String, Object>> violations = audit(null).getList("violations");
            Map<String, Object> found = violations.stream()
                    .filter(v -> ((Number) v.get("userId")).longValue() == user).findFirst().orElseThrow();
            assertEquals(50_007L, ((Number) found.get("balance")).longValue());
            assertEquals(50_000L, ((Number) found.get("ledgerSum")).longValue());
        } finally {
            sql("UPDATE billing.account SET balance = balance - 7 WHERE user_id = $1", user);
        }
        assertClean(user);
    }

    @Test
    void aHoldLeftOpenLongPastItsExpiryIsReportedWhileReservedStillAddsUp() throws Throwable {
        long user = newAccount();
        assertClean(user);
        String reservation = id("res");
        sql("""
                INSERT INTO billing.reservation (id, user_id, job_id, amount, status, expires_at)
                VALUES ($1, $2, 'job-stale', 900, 'OPEN', now() - interval '1 hour')""", reservation, user);
        sql("UPDATE billing.account SET reserved = reserved + 900 WHERE user_id = $1", user);
        try {
            JsonPath audit = audit(null);
            assertEquals(List.of(), audit.getList("violations.findAll { it.userId == " + user + " }"),
                    "reserved matches the open holds: only the staleness is wrong");
            List<Map<String, Object>> stale = audit.getList("staleHolds.findAll { it.userId == " + user + " }");
            assertEquals(1, stale.size(), stale.toString());
            assertEquals(reservation, stale.get(0).get("reservationId"));
            assertEquals(900, ((Number) stale.get(0).get("held")).intValue());
        } finally {
            sql("UPDATE billing.reservation SET status = 'EXPIRED', closed_at = now() WHERE id = $1", reservation);
            sql("UPDATE billing.account SET reserved = reserved - 900 WHERE user_id = $1", user);
        }
        assertClean(user);
    }

    @Test
    void aSecondDebitForOneModelCallIsReportedAsUnbackedThoughTheBalanceAddsUp() throws Throwable {
        long user = newAccount();
        String event = id("evt");
        long cost = charged(user, event);
        assertEquals(550, cost);
        assertClean(user);
        // The same call debited again under another key, balance moved with it: the sums all agree.
        sql("""
                INSERT INTO billing.ledger_entry (user_id, kind, amount, balance_after, idempotency_key, reference, reason)
                SELECT user_id, 'USAGE', $2, balance + $2, $3, 'job-audit', 'replayed by a bug' FROM billing.account
                WHERE user_id = $1""", user, -cost, "usage:" + event + "-again");
        sql("UPDATE billing.account SET balance = balance - $2 WHERE user_id = $1", user, cost);
        try {
            JsonPath audit = audit(null);
            assertEquals(List.of(), audit.getList("violations.findAll { it.userId == " + user + " }"));
            List<Map<String, Object>> unbacked = audit.getList("unbacked.findAll { it.userId == " + user + " }");
            assertEquals(1, unbacked.size(), unbacked.toString());
            assertEquals("usage:" + event + "-again", unbacked.get(0).get("idempotencyKey"));
            assertEquals("a usage debit with no usage charge behind it", unbacked.get(0).get("problem"));
        } finally {
            sql("DELETE FROM billing.ledger_entry WHERE idempotency_key = $1", "usage:" + event + "-again");
            sql("UPDATE billing.account SET balance = balance + $2 WHERE user_id = $1", user, cost);
        }
        assertClean(user);
    }

    @Test
    void aDebitOfAnotherAmountAndAChargeNeverDebitedAreReported() throws Throwable {
        long user = newAccount();
        String overcharged = id("evt");
        String forgotten = id("evt");
        long cost = charged(user, overcharged);
        charged(user, forgotten);
        assertClean(user);
        // One debit grows by a credit (the balance follows); the other is booked as an adjustment instead,
        // so its charge has no debit although every sum still agrees.
        sql("UPDATE billing.ledger_entry SET amount = amount - 1 WHERE idempotency_key = $1", "usage:" + overcharged);
        sql("UPDATE billing.account SET balance = balance - 1 WHERE user_id = $1", user);
        sql("UPDATE billing.ledger_entry SET kind = 'ADJUSTMENT', idempotency_key = $2 WHERE idempotency_key = $1",
                "usage:" + forgotten, "admin:moved:" + forgotten);
        try {
            JsonPath audit = audit(user);
            assertEquals(List.of(), audit.getList("violations"), "every sum agrees");
            List<Map<String, Object>> unbacked = audit.getList("unbacked");
            assertEquals(2, unbacked.size(), unbacked.toString());
            assertTrue(unbacked.stream().anyMatch(u -> ("usage:" + overcharged).equals(u.get("idempotencyKey"))
                    && ("a usage debit of another amount than its charge (" + cost + ")").equals(u.get("problem"))),
                    unbacked.toString());
            assertTrue(unbacked.stream().anyMatch(u -> ("usage:" + forgotten).equals(u.get("idempotencyKey"))
                    && "a usage charge that was never debited".equals(u.get("problem"))), unbacked.toString());
        } finally {
            sql("UPDATE billing.ledger_entry SET amount = amount + 1 WHERE idempotency_key = $1", "usage:" + overcharged);
            sql("UPDATE billing.account SET balance = balance + 1 WHERE user_id = $1", user);
            sql("UPDATE billing.ledger_entry SET kind = 'USAGE', idempotency_key = $2 WHERE idempotency_key = $1",
                    "admin:moved:" + forgotten, "usage:" + forgotten);
        }
        assertClean(user);
    }

    @Test
    void aPurchaseCreditedTwiceIsReported() throws Throwable {
        long user = newAccount();
        String payload = service().body(Map.of("userId", user, "packId", "small")).post("/api/v1/invoices").then()
                .statusCode(200).extract().jsonPath().getString("payload");
        String charge = id("stx");
        service().body(Map.of("telegramPaymentChargeId", charge, "userId", user, "invoicePayload", payload,
                "currency", "XTR", "totalAmount", 50)).post("/api/v1/purchases").then().statusCode(200);
        assertClean(user);
        sql("""
                INSERT INTO billing.ledger_entry (user_id, kind, amount, balance_after, idempotency_key, reference, reason)
                SELECT user_id, 'PURCHASE', 50000, balance + 50000, $2, $3, 'credited again' FROM billing.account
                WHERE user_id = $1""", user, "purchase:" + charge + "#2", charge);
        sql("UPDATE billing.account SET balance = balance + 50000 WHERE user_id = $1", user);
        try {
            List<Map<String, Object>> unbacked = audit(user).getList("unbacked");
            assertEquals(1, unbacked.size(), unbacked.toString());
            assertEquals("a purchase credit with no purchase behind it", unbacked.get(0).get("problem"));
        } finally {
            sql("DELETE FROM billing.ledger_entry WHERE idempotency_key = $1", "purchase:" + charge + "#2");
            sql("UPDATE billing.account SET balance = balance - 50000 WHERE user_id = $1", user);
        }
        assertClean(user);
    }
}
