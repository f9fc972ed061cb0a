package ai.devbot.agent.metering;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;

/**
 * Meters every model call: adds it to the operation's scope (the operation answers it, with its
 * usage event id, to the caller) and publishes its usage event to {@code billing-usage}, keyed by
 * user, for billing.
 * <p>
 * An operation does not wait for Kafka's acknowledgement. Billing charges an event id once, and
 * the orchestrator charges every call of an answer (or of a failure that carries usage) by the same
 * id itself; a step it re-runs after a crash repeats the same ids. Waiting added 1.2–1.9 ms to
 * every call and covered no case that path does not. A publish Kafka still refuses after the
 * producer's own retries is logged with what it would have charged and counted
 * ({@code devbot.agent.usage.unpublished}), and readiness reports Kafka down meanwhile.
 * <p>
 * Events go straight to the channel's Kafka producer (configured under
 * {@code mp.messaging.outgoing.billing-usage}): the emitter serialised all callers on one lock.
 */
@ApplicationScoped
public class UsageMeter {

    private static final Logger LOG = Logger.getLogger(UsageMeter.class);
    static final String CHANNEL = "billing-usage";

    private final Supplier<Producer<String, String>> producers;
    private final String topic;
    private final ObjectMapper json;
    private final MeterRegistry metrics;
    private final Counter unpublished;
    private final Map<MeterKey, Meters> meters = new ConcurrentHashMap<>();
    private volatile Producer<String, String> producer;

    @Inject
    public UsageMeter(KafkaClientService kafka, @ConfigProperty(name = "mp.messaging.outgoing." + CHANNEL + ".topic") String topic,
            ObjectMapper json, MeterRegistry metrics) {
        // The connector creates the channel's producer at startup, after the beans are built.
        this(() -> kafka.<String, String> getProducer(CHANNEL).unwrap(), topic, json, metrics);
    }

    UsageMeter(Supplier<Producer<String, String>> producers, String topic, ObjectMapper json, MeterRegistry metrics) {
        this.producers = producers;
        this.topic = topic;
        this.json = json;
        this.metrics = metrics;
        this.unpublished = metrics.counter("devbot.agent.usage.unpublished");
    }

    public void record(CallScope scope, ModelCall unmetered) {
        ModelCall call = scope.record(unmetered, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        var event = new UsageEvent(call.eventId(), scope.userId(), scope.jobId(), scope.projectId(),
                scope.operation(), call.provider(), call.model(), call.keyAlias(), call.inputTokens(),
                call.outputTokens(), call.estimated(), call.succeeded(), call.occurredAt());
        String payload;
        try {
            payload = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        try {
            producer().send(new ProducerRecord<>(topic, Long.toString(scope.userId()), payload), (metadata, failure) -> {
                if (failure != null) {
                    unpublished(event, failure);
                }
            });
        } catch (RuntimeException failure) {
            // The model was paid for: the operation still answers, with the usage for the caller to charge.
            unpublished(event, failure);
        }
        Meters meters = this.meters.computeIfAbsent(new MeterKey(call.provider(), call.model(), call.succeeded()),
                this::register);
        meters.calls().increment();
        meters.inputTokens().increment(call.inputTokens());
        meters.outputTokens().increment(call.outputTokens());
    }

    /** Registered once per provider, model and outcome: a registry lookup builds ids and tags on every call. */
    private Meters register(MeterKey key) {
        return new Meters(
                metrics.counter("devbot.agent.model.calls", "provider", key.provider(), "model", key.model(), "outcome",
                        key.succeeded() ? "ok" : "failed"),
                metrics.counter("devbot.agent.model.tokens", "provider", key.provider(), "model", key.model(), "direction",
                        "input"),
                metrics.counter("devbot.agent.model.tokens", "provider", key.provider(), "model", key.model(), "direction",
                        "output"));
    }

    private record MeterKey(String provider, String model, boolean succeeded) {
    }

    private record Meters(Counter calls, Counter inputTokens, Counter outputTokens) {
    }

    private void unpublished(UsageEvent event, Exception failure) {
        unpublished.increment();
        LOG.errorf("usage event %s (user %d, job %s, %s %s, %d input + %d output tokens) was not published: %s;"
                + " billing gets it only from the caller's charge", event.eventId(), event.userId(), event.jobId(),
                event.provider(), event.model(), event.inputTokens(), event.outputTokens(), failure.getMessage());
    }

    private Producer<String, String> producer() {
        Producer<String, String> current = producer;
        if (current == null) {
            current = producer = producers.get();
        }
        return current;
    }
}
