package ai.devbot.sandbox.run.service;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.devbot.sandbox.run.RunRequest;
import ai.devbot.sandbox.run.RunResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Publishes a run's usage to {@code billing-usage} (keyed by user, billing's usage contract), so the sandbox time
 * is charged even when the caller never settles it. The caller charges the same event id over REST too; billing
 * charges an id once. A publish that fails is counted and logged, never fails the run.
 */
@ApplicationScoped
public class UsagePublisher {

    private static final Logger LOG = Logger.getLogger(UsagePublisher.class);
    private static final Duration ACK_WAIT = Duration.ofSeconds(10);

    private final Emitter<String> emitter;
    private final ObjectMapper json;
    private final Counter unpublished;

    UsagePublisher(@Channel("billing-usage") Emitter<String> emitter, ObjectMapper json, MeterRegistry metrics) {
        this.emitter = emitter;
        this.json = json;
        this.unpublished = metrics.counter("devbot_sandbox_usage_unpublished_total");
    }

    void publish(RunRequest request, RunResult result) {
        RunResult.Usage usage = result.usage();
        if (usage == null) {
            return;
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("eventId", usage.eventId());
        event.put("userId", request.ownerId());
        event.put("jobId", request.jobId());
        event.put("projectId", request.projectId());
        event.put("operation", "CHECK");
        event.put("provider", usage.provider());
        event.put("model", usage.model());
        event.put("keyAlias", "sandbox");
        event.put("inputTokens", usage.millis());
        event.put("outputTokens", 0);
        event.put("estimated", false);
        event.put("succeeded", true);
        event.put("occurredAt", usage.occurredAt().toString());
        try {
            String payload = json.writeValueAsString(event);
            java.util.concurrent.CompletableFuture<Void> acked = new java.util.concurrent.CompletableFuture<>();
            emitter.send(Message.of(payload).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                    .withKey(Long.toString(request.ownerId())).build())
                    .withAck(() -> {
                        acked.complete(null);
                        return java.util.concurrent.CompletableFuture.completedFuture(null);
                    })
                    .withNack(failure -> {
                        acked.completeExceptionally(failure);
                        return java.util.concurrent.CompletableFuture.completedFuture(null);
                    }));
            acked.get(ACK_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            unpublished.increment();
            LOG.errorf("usage event %s (user %d, %d ms of sandbox) was not published: %s; billing gets it only from "
                    + "the caller's charge", usage.eventId(), request.ownerId(), usage.millis(), e.getMessage());
        }
    }
}
