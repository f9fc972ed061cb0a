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
import ai.devbot.orchestrator.support.InFlight;
import ai.devbot.orchestrator.support.InOrderPerKey;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Handles {@code bot-commands}: one chat's commands one at a time in the order they came, different chats' at
 * once (up to {@code orchestrator.commands.max-in-flight}, each on a worker thread). Commands are short — long
 * work runs as jobs on their own topic. A record is acknowledged once handled (throttled strategy: the offset
 * stays below the oldest unhandled command), so a crash re-delivers it; a malformed command goes to
 * {@code bot-commands-dlq} with the reason.
 */
@ApplicationScoped
public class CommandConsumer {

    private static final Logger LOG = Logger.getLogger(CommandConsumer.class);
    private final Conversation conversation;
    private final ObjectMapper json;
    private final OrchestratorConfig.Payments payments;

    private final InOrderPerKey perChat = new InOrderPerKey(Infrastructure.getDefaultWorkerPool());
    private final InFlight inFlight;

    CommandConsumer(Conversation conversation, ObjectMapper json, OrchestratorConfig config) {
        this.conversation = conversation;
        this.json = json;
        this.payments = config.payments();
        this.inFlight = new InFlight(config.commands().maxInFlight());
    }

    /** Answers once the command is queued behind its chat's earlier ones: the next record comes meanwhile. */
    @Incoming("bot-commands")
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
        return inFlight.enter().thenRun(() -> perChat.submit(Long.toString(command.chatId()),
                () -> Uni.createFrom().completionStage(handle(message, command))).whenComplete((ignored, failure) -> {
                    inFlight.leave();
                    if (failure != null) {
                        LOG.errorf(failure, "command %s could not be handled", command.commandId());
                        message.nack(failure);
                    }
                }));
    }

    /** On a worker thread, in its chat's turn. */
    private CompletionStage<Void> handle(Message<String> message, Command command) {
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
