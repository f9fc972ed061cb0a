package ai.devbot.orchestrator.conversation.service;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import ai.devbot.orchestrator.conversation.Command;
import ai.devbot.orchestrator.job.service.JobLauncher;
import ai.devbot.orchestrator.reply.Replies;
import ai.devbot.orchestrator.reply.Reply;

/**
 * The replies of one command, numbered in order: ids are {@code <commandId>/<n>}, so a command handled
 * again after a crash re-sends the same ids and the gateway performs them once.
 */
public final class Answer {

    final Command command;
    private final Replies replies;
    private final AtomicInteger sent = new AtomicInteger();

    Answer(Command command, Replies replies) {
        this.command = command;
        this.replies = replies;
    }

    String nextId() {
        return command.commandId() + "/" + sent.incrementAndGet();
    }

    long userId() {
        return command.userId();
    }

    void say(String text) {
        say(text, null);
    }

    void say(String text, List<List<Reply.Button>> buttons) {
        send(Reply.message(nextId(), command.commandId(), command.chatId(), text, buttons));
    }

    void send(Reply reply) {
        replies.send(command.threadId(), reply);
    }

    /** Tells the user why a job did not start (it said nothing when it did: its status message is its answer). */
    void tell(JobLauncher.Launch launch) {
        if (!launch.started()) {
            say(launch.refusal(), launch.buttons());
        }
    }

    JobLauncher.Origin origin() {
        return new JobLauncher.Origin(command.commandId(), command.chatId(), command.threadId(), command.userId());
    }
}
