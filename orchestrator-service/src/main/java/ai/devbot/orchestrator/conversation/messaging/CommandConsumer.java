package ai.devbot.orchestrator.conversation.messaging;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.devbot.orchestrator.config.OrchestratorConfig;
import ai.devbot.orchestrator.conversation.Command;
import ai.devbot.orchestrator.conversation.service.Conversation;
import ai.devbot.orchestrator.support.ErrorReference;
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
    private final OrchestratorConfig.Payments payments;

    CommandConsumer(Conversation conversation, ObjectMapper json, OrchestratorConfig config) {
        this.conversation = conversation;
        this.json = json;
        this.payments = config.payments();
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
        if (command.kind() == Command.Kind.PAYMENT) {
            return payment(message, command);
        }
        try {
            conversation.handle(command);
        } catch (RuntimeException e) {
            String reference = ErrorReference.next();
            LOG.errorf(e, "command %s failed [ref %s]", command.commandId(), reference);
            conversation.apologise(command, reference);
        }
        return message.ack();
    }

    /**
     * A payment is acknowledged only once it is credited or stored as pending (which needs only Redis).
     * When even that fails for a while it goes to the dead-letter topic, still unacknowledged in spirit:
     * operators replay it from there (docs/operations.md, "Pending payments"); it is never answered
     * "try again", because a payment cannot be made again.
     */
    private CompletionStage<Void> payment(Message<String> message, Command command) {
        RuntimeException last = null;
        int attempts = payments.storeAttempts();
        for (int attempt = 0; attempt < attempts; attempt++) {
            try {
                conversation.handle(command);
                return message.ack();
            } catch (RuntimeException e) {
                last = e;
                LOG.errorf(e, "payment command %s could not be stored (attempt %d of %d)", command.commandId(),
                        attempt + 1, attempts);
                if (attempt + 1 < attempts) {
                    pause(payments.storeBackoff().multipliedBy(1L << attempt));
                }
            }
        }
        LOG.errorf("payment command %s goes to the dead-letter topic for an operator's replay", command.commandId());
        return message.nack(new IllegalStateException("payment not stored: " + last.getMessage(), last));
    }

    private static void pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
