package ai.devbot.orchestrator.conversation.service;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import ai.devbot.orchestrator.config.OrchestratorConfig;
import ai.devbot.orchestrator.conversation.Command;
import ai.devbot.orchestrator.limits.UserLimits;
import ai.devbot.orchestrator.payment.service.PaymentCrediting;
import ai.devbot.orchestrator.reply.Markdown;
import ai.devbot.orchestrator.reply.Replies;
import ai.devbot.orchestrator.reply.Reply;
import ai.devbot.orchestrator.session.Session;
import ai.devbot.orchestrator.session.SessionStore;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Turns one command into its answer: skips what was handled already and what is over the user's limit,
 * loads the session, and hands the command to its family ({@link CommandFamily}), the text to
 * {@link JobCommands}, a button to {@link ButtonCallbacks}, a file to {@link ImportCommands} and a payment to
 * {@link PaymentCrediting}.
 * Reply ids are {@code <commandId>/<n>} and job ids {@code job-<commandId>}, so a command handled again
 * after a crash re-sends the same ids (the gateway performs them once) and finds its job instead of
 * starting another; the command is marked handled only after all of that is stored.
 */
@ApplicationScoped
public class Conversation {

    private static final Logger LOG = Logger.getLogger(Conversation.class);

    private final SessionStore sessions;
    private final Replies replies;
    private final OrchestratorConfig config;
    private final MeterRegistry metrics;
    private final PaymentCrediting payments;
    private final UserLimits limits;
    private final JobCommands work;
    private final ButtonCallbacks buttons;
    private final ImportCommands imports;
    private final Map<String, CommandFamily> families = new HashMap<>();

    Conversation(SessionStore sessions, Replies replies, OrchestratorConfig config, MeterRegistry metrics,
            PaymentCrediting payments, UserLimits limits, JobCommands work, ButtonCallbacks buttons,
            ImportCommands imports, Instance<CommandFamily> all) {
        this.imports = imports;
        this.sessions = sessions;
        this.replies = replies;
        this.config = config;
        this.metrics = metrics;
        this.payments = payments;
        this.limits = limits;
        this.work = work;
        this.buttons = buttons;
        for (CommandFamily family : all) {
            for (String name : family.commands()) {
                CommandFamily taken = families.put(name, family);
                if (taken != null) {
                    throw new IllegalStateException("/" + name + " is claimed by two command families");
                }
            }
        }
    }

    public void handle(Command command) {
        if (sessions.handled(command.commandId())) {
            count(command, "duplicate");
            return;
        }
        Answer answer = new Answer(command, replies);
        if (overLimit(answer)) {
            sessions.markHandled(command.commandId(), config.commands().rememberFor());
            count(command, "limited");
            return;
        }
        Session session = sessions.get(command.chatId(), command.userId());
        switch (command.kind()) {
            case COMMAND -> command(answer, session, command.command(), command.args() == null ? "" : command.args().strip());
            case TEXT -> work.text(answer, session, command.text().strip());
            case CALLBACK -> buttons.pressed(answer, session);
            case PAYMENT -> payments.received(command);
            case DOCUMENT -> imports.document(answer);
            case PRE_CHECKOUT -> {
                // The gateway answered it within Telegram's 10 s; the credits come with successful_payment.
            }
        }
        sessions.markHandled(command.commandId(), config.commands().rememberFor());
        count(command, "handled");
    }

    private void command(Answer answer, Session session, String name, String args) {
        CommandFamily family = families.get(name);
        if (family != null) {
            family.run(name, answer, session, args);
        } else if (name.equals("help")) {
            answer.say(Help.COMMANDS);
        } else {
            answer.say("I don't know /" + name + ".\n\n" + Help.COMMANDS);
        }
    }

    /** Commands past the user's per-minute limit are skipped, with one message a minute; payments never are. */
    private boolean overLimit(Answer answer) {
        Command command = answer.command;
        if (command.kind() == Command.Kind.PAYMENT || command.kind() == Command.Kind.PRE_CHECKOUT) {
            return false;
        }
        UserLimits.Verdict verdict = limits.command(command.userId());
        if (verdict == UserLimits.Verdict.ALLOWED) {
            return false;
        }
        if (command.kind() == Command.Kind.CALLBACK) {
            // The button must stop spinning either way.
            answer.send(Reply.callbackAnswer(command.commandId() + "/ack", command.commandId(), command.chatId(),
                    command.callbackQueryId(), "Too many presses in a minute — wait a moment."));
        }
        if (verdict == UserLimits.Verdict.REFUSED_TELL) {
            answer.say("⏳ That is more than " + limits.commandsPerMinute() + " commands in a minute, so I am skipping "
                    + "the rest of this minute's. Wait a moment, then send it again.");
        }
        return true;
    }

    /**
     * A command that failed unexpectedly still gets an answer that says what to do — and a reference an
     * operator finds in the log line of the failure, never the failure itself (class and host names stay inside).
     */
    public void apologise(Command command, String reference) {
        try {
            replies.send(command.threadId(), Reply.message(command.commandId() + "/error", command.commandId(), command.chatId(),
                    "Sorry — something went wrong on our side. Nothing was lost; please try again in a minute. "
                            + "If it keeps happening, tell support the reference " + Markdown.code(reference) + ".",
                    null));
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not tell chat %d about the failure", command.chatId());
        }
    }

    private void count(Command command, String outcome) {
        metrics.counter("devbot.orchestrator.commands", "kind", command.kind().name(), "outcome", outcome).increment();
    }
}
