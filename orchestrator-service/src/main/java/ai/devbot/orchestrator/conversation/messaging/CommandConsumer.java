package ai.devbot.orchestrator.conversation.messaging;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.devbot.orchestrator.conversation.Command;
import ai.devbot.orchestrator.conversation.service.Conversation;
import io.smallrye.common.annotation.Blocking;

/**
 * Handles {@code bot-commands} in order (per partition, so per chat). Commands are short — long
 * work runs as jobs on their own topic — so one chat's command never waits behind another chat's
 * job. A malformed command goes to {@code bot-commands-dlq} with the reason.
 */
@ApplicationScoped
public class CommandConsumer {

    private static final Logger LOG = Logger.getLogger(CommandConsumer.class);

    private final Conversation conversation;
    private final ObjectMapper json;

    CommandConsumer(Conversation conversation, ObjectMapper json) {
        this.conversation = conversation;
        this.json = json;
    }

    @Incoming("bot-commands")
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        Command command;
        try {
            command = json.readValue(message.getPayload(), Command.class);
        } catch (Exception e) {
            return message.nack(new IllegalArgumentException("not a bot command: " + e.getMessage(), e));
        }
        String invalid = command == null ? "an empty message" : command.invalidReason();
        if (invalid != null) {
            return message.nack(new IllegalArgumentException(invalid));
        }
        try {
            conversation.handle(command);
        } catch (RuntimeException e) {
            LOG.errorf(e, "command %s failed", command.commandId());
            conversation.apologise(command, e);
        }
        return message.ack();
    }
}
