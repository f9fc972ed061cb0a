package ai.devbot.orchestrator.client.billing;

import java.time.Instant;

/** The orchestrator's own view of billing-service's messages (billing-service/README.md). */
public final class BillingRecords {

    private BillingRecords() {
    }

    /** Credits per million input and output tokens, as usage would be priced now. */
    public record Price(String provider, String model, long inputPerMillion, long outputPerMillion,
            boolean fallbackPrice) {
    }

    public record EnsureAccount(long userId) {
    }

    public record Account(long userId, long balance, long reserved, long available, Boolean created) {
    }

    public record Entry(String kind, long amount, long balanceAfter, String reason, Instant createdAt) {
    }

    public record Reserve(String reservationId, long userId, String jobId, long amount) {
    }

    /** billing's 402: what the user has and what was asked. */
    public record Shortfall(long balance, long reserved, long available, long requested, long shortfall) {
    }

    public record Settle() {
    }

    public record Usage(String eventId, long userId, String jobId, Long projectId, String operation,
            String provider, String model, String keyAlias, long inputTokens, long outputTokens, boolean estimated,
            boolean succeeded, Instant occurredAt, Integer taskNumber) {
    }

    /** What tasks have really cost (billing's charges): quantiles of one task's spend, implement calls per task. */
    public record TaskSpend(int tasks, long p10, long p50, long p90, long max, double implementCallsPerTask) {
    }

    public record ProjectSpend(long projectId, long credits, long calls) {
    }

    public record Charged(String eventId, boolean duplicate, long cost, boolean fallbackPrice) {
    }

    public record Pack(String id, int stars, long credits, String title, String description) {
    }

    public record InvoiceRequest(long userId, String packId) {
    }

    public record Invoice(String packId, String title, String description, String payload, String currency,
            int amount, long credits) {
    }

    public record Purchase(String telegramPaymentChargeId, long userId, String invoicePayload, String currency,
            long totalAmount) {
    }

    public record Purchased(String packId, long credits, Boolean duplicate) {
    }
}
