package ai.devbot.orchestrator.job.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import ai.devbot.orchestrator.client.agent.AgentRecords;
import ai.devbot.orchestrator.config.OrchestratorConfig;
import ai.devbot.orchestrator.job.model.Job;
import ai.devbot.orchestrator.job.model.JobStep;
import ai.devbot.orchestrator.job.model.Work;
import ai.devbot.orchestrator.reply.Markdown;

/**
 * How many tries a task gets: {@code orchestrator.jobs.max-attempts} attempts and {@code task-credit-cap}
 * credits (scaled to the job's model tier), then it pauses with the reason in words for the user, who may allow one more attempt (at most its
 * worst case in credits), take the task back, skip it or stop.
 */
@ApplicationScoped
class TaskAttempts {

    private final int maxAttempts;
    private final Duration pauseExpiry;
    private final WorstCase worstCase;

    TaskAttempts(OrchestratorConfig config, WorstCase worstCase) {
        this.maxAttempts = config.jobs().maxAttempts();
        this.pauseExpiry = config.jobs().pauseExpiry();
        this.worstCase = worstCase;
    }

    /** Another attempt, told what went wrong in this one; or a pause once the allowed attempts are used up. */
    JobStep retryOrPause(Job job, AgentRecords.Feedback whatWentWrong, String reason) {
        Work.Implement work = job.work(Work.Implement.class);
        job.work = work.with(work.attempt().again(whatWentWrong));
        int allowed = attemptsAllowed(job);
        if (job.attempt() > allowed) {
            return pause(job, "Task #" + job.currentTask() + " did not converge in " + allowed + " attempts: " + reason
                    + ".", JobStep.IMPLEMENT);
        }
        return JobStep.IMPLEMENT;
    }

    boolean overCap(Job job) {
        return spent(job) >= creditsAllowed(job);
    }

    /** The task's credits reached the cap before {@code step} could run: it pauses, and resumes at that step. */
    JobStep pauseOverCap(Job job, JobStep step) {
        return pause(job, "Task #" + job.currentTask() + " reached its credit cap (" + Markdown.credits(spent(job))
                + " spent of " + Markdown.credits(creditsAllowed(job)) + ") without converging.", step);
    }

    private JobStep pause(Job job, String reason, JobStep resumeAt) {
        // Said if the user stops here or the pause expires: the task's failure.
        job.failure = reason;
        change(job, attempt(job).paused(new Work.Pause(reason, resumeAt, worstCase.attempt(job.tier),
                Instant.now().plus(pauseExpiry))));
        return JobStep.TASK_PAUSED;
    }

    /**
     * "Try again": one more attempt and at most the pause's extra credits beyond what the task has spent. An
     * attempt cap pause has already moved to the next attempt; a credit cap pause goes on with the current one.
     */
    void allowOneMore(Job job) {
        Work.Attempt attempt = attempt(job);
        Work.Pause pause = attempt.pause();
        job.failure = null;
        change(job, attempt.allowed(new Work.Allowance(attempt.number(),
                Math.addExact(attempt.spent(), pause.extraCredits()), attempt.grants() + 1)));
    }

    Duration pauseExpiry() {
        return pauseExpiry;
    }

    /** The attempts a failed task is recorded with: never more than were allowed. */
    int recorded(Job job) {
        return Math.min(job.attempt(), attemptsAllowed(job));
    }

    String note(Job job) {
        return job.attempt() > 1 ? " (attempt " + job.attempt() + "/" + attemptsAllowed(job) + ")" : "";
    }

    private int attemptsAllowed(Job job) {
        Work.Allowance allowance = attempt(job).allowance();
        return allowance == null ? maxAttempts : allowance.attempts();
    }

    private long creditsAllowed(Job job) {
        Work.Allowance allowance = attempt(job).allowance();
        // The cap of the job's tier: its models' prices decide what a task may cost.
        return allowance == null ? worstCase.taskCreditCap(job.tier) : allowance.credits();
    }

    private static long spent(Job job) {
        return attempt(job).spent();
    }

    private static Work.Attempt attempt(Job job) {
        return job.work(Work.Implement.class).attempt();
    }

    private static void change(Job job, Work.Attempt changed) {
        job.work = job.work(Work.Implement.class).with(changed);
    }

    /** The first problem, cut for a reason line. */
    static String first(List<String> problems) {
        String problem = problems.isEmpty() ? "no details" : problems.get(0);
        return problem.length() > 300 ? problem.substring(0, 300) + "…" : problem;
    }
}
