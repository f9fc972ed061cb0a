package ai.devbot.orchestrator.reply;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Publishes replies to {@code bot-replies}, keyed by chat id (one chat's replies stay in order),
 * and waits for Kafka's acknowledgement: a command counts as handled only once its replies are
 * stored.
 */
@ApplicationScoped
public class Replies {

    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(15);

    private final MutinyEmitter<String> out;
    private final ObjectMapper json;

    Replies(@Channel("bot-replies") MutinyEmitter<String> out, ObjectMapper json) {
        this.out = out;
        this.json = json;
    }

    /** Sends into the forum topic the command came from (null: the chat itself). */
    public void send(Long threadId, Reply reply) {
        send(threadId == null ? reply : reply.inThread(threadId));
    }

    public void send(Reply reply) {
        String payload;
        try {
            payload = json.writeValueAsString(reply);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        out.sendMessage(Message.of(payload).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(Long.toString(reply.chatId())).build())).await().atMost(PUBLISH_TIMEOUT);
    }
}
