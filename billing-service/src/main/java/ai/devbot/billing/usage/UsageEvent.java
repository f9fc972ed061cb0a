package ai.devbot.billing.usage;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * billing-usage message (docs/contracts/billing-usage/usage.json): one model call's tokens, and the task it
 * worked on when it worked on one.
 * {@link #invalidReason()} is the one validation rule, for Kafka and REST alike.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@RegisterForReflection(registerFullHierarchy = true)
public record UsageEvent(
        String eventId,
        Long userId,
        String jobId,
        Long projectId,
        String operation,
        String provider,
        String model,
        String keyAlias,
        long inputTokens,
        long outputTokens,
        boolean estimated,
        Boolean succeeded,
        Instant occurredAt,
        Integer taskNumber) {

    /**
     * The most one call may report per side: far above any model's context or a sandbox run's milliseconds,
     * and small enough that quantity × {@link #MAX_PRICE_PER_MILLION} on both sides stays far inside a bigint
     * (2 × 10^8 × 10^9 = 2 × 10^17 &lt; 9.2 × 10^18), so pricing can never overflow.
     */
    public static final long MAX_QUANTITY = 100_000_000L;
    /** The highest price per million an operator may set (a credit is far below a cent). */
    public static final long MAX_PRICE_PER_MILLION = 1_000_000_000L;

    /** The reason this event cannot be charged, or null when it can. */
    public String invalidReason() {
        if (userId == null || userId <= 0) {
            return "userId is missing";
        }
        return invalidCallReason();
    }

    /** The same apart from whose call it was: a reservation's settle takes the user from the reservation. */
    public String invalidCallReason() {
        if (eventId == null || eventId.isBlank()) {
            return "eventId is missing";
        }
        if (eventId.length() > 200) {
            return "eventId is longer than 200 characters";
        }
        if (provider == null || provider.isBlank() || model == null || model.isBlank()) {
            return "provider and model are required";
        }
        if (inputTokens < 0 || outputTokens < 0) {
            return "token counts cannot be negative";
        }
        if (inputTokens > MAX_QUANTITY || outputTokens > MAX_QUANTITY) {
            return "token counts above " + MAX_QUANTITY + " are not one call's usage";
        }
        if (occurredAt == null) {
            return "occurredAt is missing";
        }
        if (taskNumber != null && (taskNumber < 1 || taskNumber > 100_000)) {
            return "taskNumber must be between 1 and 100000";
        }
        return null;
    }
}
