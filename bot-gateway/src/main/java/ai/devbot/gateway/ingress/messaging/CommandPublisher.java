package ai.devbot.gateway.ingress.messaging;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.devbot.gateway.config.GatewayConfig;
import ai.devbot.gateway.ingress.BotCommand;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.Uni;

/**
 * Publishes commands to {@code bot-commands}, keyed by chat id so one chat's commands stay in
 * order. The Uni completes only when every in-sync replica has the record ({@code acks=all}),
 * which is what lets the webhook answer 200; it fails within {@code delivery.timeout.ms} (5 s)
 * when Kafka does not take it, and the webhook answers 503.
 * <p>
 * A plain producer rather than a messaging emitter: each webhook call waits for its own ack, so
 * throughput is concurrency divided by latency, and the emitter's thread hops cost about a third
 * of it (bench/run.sh: 18k → 28k updates/s). {@code max.block.ms=0} keeps {@code send} from ever
 * blocking the event loop — with no topic metadata yet or a full buffer it fails at once (503).
 */
@ApplicationScoped
public class CommandPublisher {

    private static final Logger LOG = Logger.getLogger(CommandPublisher.class);
    private static final Duration WARM_UP = Duration.ofSeconds(60);

    private final KafkaProducer<String, String> producer;
    private final ObjectMapper json;
    private final String topic;

    public CommandPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafka, ObjectMapper json,
            GatewayConfig gateway, MeterRegistry metrics) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.get("bootstrap.servers"));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5000);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 0);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "bot-gateway-commands");
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
        this.json = json;
        this.topic = gateway.commandsTopic();
        new KafkaClientMetrics(producer).bindTo(metrics);
    }

    /**
     * Loads the topic's metadata before the first update needs it. With {@code max.block.ms=0}
     * each attempt only asks for it, so ask until it is there (bounded: 60 s).
     */
    void warmUp(@Observes StartupEvent start) {
        Infrastructure.getDefaultWorkerPool().execute(() -> {
            long deadline = System.nanoTime() + WARM_UP.toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    producer.partitionsFor(topic);
                    return;
                } catch (RuntimeException notYet) {
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
            LOG.warnf("no metadata for %s after %d s; updates get 503 until Kafka answers", topic, WARM_UP.toSeconds());
        });
    }

    public Uni<Void> publish(BotCommand command) {
        String payload;
        try {
            payload = json.writeValueAsString(command);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return Uni.createFrom().emitter(done -> producer.send(
                new ProducerRecord<>(topic, Long.toString(command.chatId()), payload), (metadata, failure) -> {
                    if (failure == null) {
                        done.complete(null);
                    } else {
                        done.fail(failure);
                    }
                }));
    }

    @PreDestroy
    void close() {
        producer.close();
    }
}
