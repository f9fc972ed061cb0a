package ai.devbot.agent.metering;

import java.time.Instant;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** What billing charges for one model call (docs/contracts/billing-usage): a key's alias, never the key. */
@RegisterForReflection(registerFullHierarchy = true)
public record UsageEvent(String eventId, long userId, String jobId, Long projectId, String operation,
        String provider, String model, String keyAlias, long inputTokens, long outputTokens, boolean estimated,
        boolean succeeded, Instant occurredAt) {
}
