package ai.devbot.orchestrator.payment.model;

import java.time.Instant;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A Stars payment Telegram confirmed whose credits billing has not granted yet (or refused). Kept in
 * Redis from the moment it arrives until billing answers, so no payment depends on billing being up.
 */
@RegisterForReflection
public record PendingPayment(String chargeId, String commandId, long chatId, Long threadId, long userId, String invoicePayload,
        String currency, long totalAmount, Instant receivedAt, int attempts, Instant nextAttemptAt, String lastError,
        State state) {

    public enum State {
        /** Waiting for billing; retried with backoff until it answers. */
        PENDING,
        /** Billing refused it (4xx): kept for an operator to look at and replay. */
        REFUSED
    }

    public static PendingPayment received(String chargeId, String commandId, long chatId, Long threadId, long userId,
            String invoicePayload, String currency, long totalAmount, Instant now) {
        return new PendingPayment(chargeId, commandId, chatId, threadId, userId, invoicePayload, currency, totalAmount, now, 0,
                now, null, State.PENDING);
    }

    public PendingPayment failed(String error, Instant next) {
        return new PendingPayment(chargeId, commandId, chatId, threadId, userId, invoicePayload, currency, totalAmount,
                receivedAt, attempts + 1, next, error, State.PENDING);
    }

    public PendingPayment refused(String reason) {
        return new PendingPayment(chargeId, commandId, chatId, threadId, userId, invoicePayload, currency, totalAmount,
                receivedAt, attempts + 1, null, reason, State.REFUSED);
    }
}
