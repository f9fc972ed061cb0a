package ai.devbot.gateway.ingress.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.devbot.gateway.ingress.BotCommand;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Publishes commands to {@code bot-commands}, keyed by chat id so one chat's commands stay in
 * order. The returned Uni completes only when every in-sync replica has the record
 * ({@code acks=all}), which is what lets the webhook answer 200.
 */
@ApplicationScoped
public class CommandPublisher {

    private final MutinyEmitter<String> commands;
    private final ObjectMapper json;

    public CommandPublisher(@Channel("bot-commands") MutinyEmitter<String> commands, ObjectMapper json) {
        this.commands = commands;
        this.json = json;
    }

    public Uni<Void> publish(BotCommand command) {
        String payload;
        try {
            payload = json.writeValueAsString(command);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return Uni.createFrom().deferred(() -> commands.sendMessage(Message.of(payload).addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder().withKey(Long.toString(command.chatId())).build())));
    }
}
