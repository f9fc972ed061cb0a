package ai.devbot.billing.usage;

import static ai.devbot.billing.support.BillingApi.assertInvariants;
import static ai.devbot.billing.support.BillingApi.balance;
import static ai.devbot.billing.support.BillingApi.id;
import static ai.devbot.billing.support.BillingApi.newAccount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import ai.devbot.billing.usage.service.UsageCharger;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * A crash after charging but before the commit must leave the event to be charged on
 * redelivery: the dedupe key is written in the same transaction as the charge, never before.
 */
@QuarkusTest
class CrashBeforeCommitTest {

    @Inject
    UsageCharger charger;

    @Inject
    Pool pool;

    @Test
    void aFailedTransactionChargesNothingAndTheRedeliveryChargesOnce() throws Throwable {
        long user = newAccount();
        UsageEvent event = event(id("evt"), user);

        assertThrows(IllegalStateException.class, () -> VertxContextSupport.subscribeAndAwait(
                () -> pool.withTransaction(tx -> charger.charge(tx, event)
                        .chain(() -> Uni.createFrom().failure(new IllegalStateException("crash before commit"))))));
        assertEquals(50_000, balance(user), "nothing was charged by the transaction that failed");

        UsageCharger.Outcome redelivered = VertxContextSupport.subscribeAndAwait(
                () -> pool.withTransaction(tx -> charger.charge(tx, event)));
        assertFalse(redelivered.duplicate(), "the failed attempt must not have marked the event as seen");
        UsageCharger.Outcome again = VertxContextSupport.subscribeAndAwait(
                () -> pool.withTransaction(tx -> charger.charge(tx, event)));
        assertTrue(again.duplicate());
        assertEquals(50_000 - 550, balance(user));
        assertInvariants();
    }

    private static UsageEvent event(String eventId, long userId) {
        // gemini-2.5-flash: 10,000 in (300) + 1,000 out (250) = 550 credits.
        return new UsageEvent(eventId, userId, null, 17L, "IMPLEMENT", "gemini", "gemini-2.5-flash", "gemini-1",
                10_000, 1_000, false, true, Instant.now(), null);
    }
}
