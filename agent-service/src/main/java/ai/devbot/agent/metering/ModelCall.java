package ai.devbot.agent.metering;

import java.time.Instant;

/**
 * One HTTP call to a model, as metered: who paid with which key, and what it cost in tokens.
 * {@code eventId} and {@code occurredAt} are those of its {@code billing-usage} event, set when it
 * is metered, so a caller can charge the call itself and billing still charges it once.
 */
public record ModelCall(String provider, String model, String keyAlias, long inputTokens, long outputTokens,
        boolean estimated, boolean succeeded, boolean simulated, String error, String eventId, Instant occurredAt) {

    public ModelCall(String provider, String model, String keyAlias, long inputTokens, long outputTokens,
            boolean estimated, boolean succeeded, boolean simulated, String error) {
        this(provider, model, keyAlias, inputTokens, outputTokens, estimated, succeeded, simulated, error, null, null);
    }

    ModelCall metered(String eventId, Instant occurredAt) {
        return new ModelCall(provider, model, keyAlias, inputTokens, outputTokens, estimated, succeeded, simulated,
                error, eventId, occurredAt);
    }
}
