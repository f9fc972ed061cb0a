package ai.devbot.orchestrator.job.service;

import jakarta.enterprise.context.ApplicationScoped;

import ai.devbot.orchestrator.client.billing.BillingRecords;
import ai.devbot.orchestrator.job.model.Job;
import ai.devbot.orchestrator.job.model.Work;
import ai.devbot.orchestrator.reply.Buttons;
import ai.devbot.orchestrator.reply.Markdown;
import ai.devbot.orchestrator.reply.Replies;
import ai.devbot.orchestrator.reply.Reply;

/**
 * What the user sees of a job: one status message (key = job id) edited as steps pass, "typing"
 * while a model works. Reply ids come from the step id, so a re-run step re-sends the same ids.
 */
@ApplicationScoped
public class JobProgress {

    private final Replies replies;

    JobProgress(Replies replies) {
        this.replies = replies;
    }

    public void status(Job job, String text) {
        replies.send(job.threadId, Reply.edit(job.stepId + "/status", job.commandId, job.chatId, job.id, text));
    }

    /** A second status of the same step (how it ended), under its own reply id. */
    public void outcome(Job job, String text) {
        replies.send(job.threadId, Reply.edit(job.stepId + "/outcome", job.commandId, job.chatId, job.id, text));
    }

    /** A message of its own per finished task, so its Diff and Undo buttons stay under it. */
    public void taskDone(Job job, int taskNumber, String text) {
        replies.send(job.threadId, Reply.message(job.stepId + "/done", job.commandId, job.chatId, text,
                Buttons.afterTask(job.projectId, taskNumber)));
    }

    /** The pause at a task's cap, in a message of its own so its choices stay under it. */
    public void paused(Job job, String text, java.util.List<java.util.List<Reply.Button>> choices) {
        replies.send(job.threadId, Reply.message(job.stepId + "/paused", job.commandId, job.chatId, text, choices));
    }

    public void typing(Job job) {
        replies.send(job.threadId, Reply.typing(job.stepId + "/typing", job.chatId));
    }

    /** The n-th refresh of "typing" while a model call goes on (each its own reply id). */
    public void typing(Job job, int refresh) {
        replies.send(job.threadId, Reply.typing(job.stepId + "/typing-" + refresh, job.chatId));
    }

    public String taskLine(Job job) {
        Work.Implement work = job.work(Work.Implement.class);
        return "Task " + (work.index() + 1) + "/" + work.queue().size() + " (#" + work.number() + ")";
    }

    public String insufficientCredits(BillingRecords.Shortfall shortfall) {
        return "Not enough credits for the next model call: it needs up to " + Markdown.credits(shortfall.requested())
                + " and you have " + Markdown.credits(shortfall.available()) + " available (balance "
                + Markdown.credits(shortfall.balance()) + "). No model was called. Use /buy to add credits, then try again.";
    }

}
