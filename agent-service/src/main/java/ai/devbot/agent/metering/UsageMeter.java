package ai.devbot.agent.metering;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Meters every model call: adds it to the operation's scope and publishes its usage event to
 * {@code billing-usage} (keyed by user); the operation's {@link CallScope} waits for Kafka's
 * acknowledgement before it answers — a call the platform paid for is never left unbilled
 * silently; if Kafka refuses, the operation fails.
 */
@ApplicationScoped
public class UsageMeter {

    private final MutinyEmitter<String> usage;
    private final ObjectMapper json;
    private final MeterRegistry metrics;

    public UsageMeter(@Channel("billing-usage") MutinyEmitter<String> usage, ObjectMapper json, MeterRegistry metrics) {
        this.usage = usage;
        this.json = json;
        this.metrics = metrics;
    }

    public void record(ModelCall unmetered) {
        CallScope scope = CallScope.current();
        ModelCall call = unmetered.metered(scope.nextEventId(), Instant.now().truncatedTo(ChronoUnit.MILLIS));
        var event = new UsageEvent(call.eventId(), scope.userId(), scope.jobId(), scope.projectId(),
                scope.operation(), call.provider(), call.model(), call.keyAlias(), call.inputTokens(),
                call.outputTokens(), call.estimated(), call.succeeded(), call.occurredAt());
        String payload;
        try {
            payload = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        scope.record(call, usage.sendMessage(Message.of(payload).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(Long.toString(scope.userId())).build())).subscribeAsCompletionStage());
        metrics.counter("devbot.agent.model.calls", "provider", call.provider(), "model", call.model(), "outcome",
                call.succeeded() ? "ok" : "failed").increment();
        metrics.counter("devbot.agent.model.tokens", "provider", call.provider(), "model", call.model(), "direction",
                "input").increment(call.inputTokens());
        metrics.counter("devbot.agent.model.tokens", "provider", call.provider(), "model", call.model(), "direction",
                "output").increment(call.outputTokens());
    }
}
