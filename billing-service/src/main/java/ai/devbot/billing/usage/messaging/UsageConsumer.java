package ai.devbot.billing.usage.messaging;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.devbot.billing.usage.UsageEvent;
import ai.devbot.billing.usage.service.UsageCharger;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Consumes {@code billing-usage}. A malformed event goes to {@code billing-usage-dlq} with the
 * reason in a header; a valid one is charged in one transaction, retried with backoff while the
 * database fails, and acknowledged only after its transaction committed — a crash in between
 * leaves it to be charged on redelivery, where its event id makes a second charge impossible.
 */
@ApplicationScoped
public class UsageConsumer {

    private static final Logger LOG = Logger.getLogger(UsageConsumer.class);
    static final String ERROR_HEADER = "devbot-error";

    private final UsageCharger charger;
    private final Pool pool;
    private final ObjectMapper json;
    private final MutinyEmitter<String> deadLetters;

    public UsageConsumer(UsageCharger charger, Pool pool, ObjectMapper json,
            @Channel("billing-usage-dlq") MutinyEmitter<String> deadLetters) {
        this.charger = charger;
        this.pool = pool;
        this.json = json;
        this.deadLetters = deadLetters;
    }

    @Incoming("billing-usage")
    public Uni<Void> consume(String payload) {
        UsageEvent event;
        try {
            event = json.readValue(payload, UsageEvent.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String detail = e instanceof JsonProcessingException parse ? parse.getOriginalMessage() : e.getMessage();
            return deadLetter(payload, "malformed JSON: " + detail);
        }
        String invalid = event == null ? "empty message" : event.invalidReason();
        if (invalid != null) {
            return deadLetter(payload, invalid);
        }
        UsageEvent valid = event;
        return charger.charge(pool, valid).replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("charging usage event %s failed, will retry: %s", valid.eventId(),
                        e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).atMost(30)
                .onFailure().recoverWithUni(e -> deadLetter(payload, "could not be charged after retries: " + e.getMessage()));
    }

    private Uni<Void> deadLetter(String payload, String reason) {
        LOG.warnf("usage event sent to billing-usage-dlq: %s", reason);
        var headers = new RecordHeaders().add(ERROR_HEADER, reason.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return deadLetters.sendMessage(Message.of(payload == null ? "" : payload)
                .addMetadata(OutgoingKafkaRecordMetadata.builder().withHeaders(headers).build()));
    }
}
