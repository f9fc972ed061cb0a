package ai.devbot.gateway.reply.messaging;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.devbot.gateway.reply.BotReply;
import ai.devbot.gateway.reply.service.ReplyDispatcher;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Consumes {@code bot-replies}. Replies are handed to their chat's lane as they come (so a slow
 * chat does not stop the partition) and each record is acknowledged only once performed — or, if
 * it cannot be, once it is safely on {@code bot-replies-dlq} with the reason in the
 * {@code devbot-error} header. The throttled commit strategy commits offsets only below the
 * oldest unfinished record, so a crash re-delivers what was not done.
 */
@ApplicationScoped
public class ReplyConsumer {

    static final String ERROR_HEADER = "devbot-error";
    private static final Logger LOG = Logger.getLogger(ReplyConsumer.class);

    private final ReplyDispatcher dispatcher;
    private final ObjectMapper json;
    private final MutinyEmitter<String> deadLetters;

    public ReplyConsumer(ReplyDispatcher dispatcher, ObjectMapper json,
            @Channel("bot-replies-dlq") MutinyEmitter<String> deadLetters) {
        this.dispatcher = dispatcher;
        this.json = json;
        this.deadLetters = deadLetters;
    }

    @Incoming("bot-replies")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public CompletionStage<Void> consume(Message<String> message) {
        String payload = message.getPayload();
        BotReply reply;
        try {
            reply = payload == null ? null : json.readValue(payload, BotReply.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String detail = e instanceof JsonProcessingException parse ? parse.getOriginalMessage() : e.getMessage();
            return deadLetter(message, "malformed reply: " + detail);
        }
        String invalid = reply == null ? "empty message" : reply.invalidReason();
        if (invalid != null) {
            return deadLetter(message, "invalid reply: " + invalid);
        }
        var submission = dispatcher.submit(reply);
        submission.done().whenComplete((ok, failure) -> {
            if (failure == null) {
                message.ack();
            } else {
                deadLetter(message, "not performed: " + failure.getMessage());
            }
        });
        return submission.room();
    }

    private CompletionStage<Void> deadLetter(Message<String> message, String reason) {
        LOG.warnf("reply sent to bot-replies-dlq: %s", reason);
        var headers = new RecordHeaders().add(ERROR_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        var metadata = OutgoingKafkaRecordMetadata.<String>builder().withHeaders(headers);
        message.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getKey)
                .ifPresent(key -> metadata.withKey(String.valueOf(key)));
        String payload = message.getPayload() == null ? "" : message.getPayload();
        Uni<Void> sent = deadLetters.sendMessage(Message.of(payload).addMetadata(metadata.build()));
        var parked = new CompletableFuture<Void>();
        sent.subscribe().with(ok -> message.ack().whenComplete((a, b) -> parked.complete(null)),
                failure -> message.nack(failure).whenComplete((a, b) -> parked.complete(null)));
        return parked;
    }
}
