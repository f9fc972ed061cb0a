package ai.devbot.orchestrator.job.service;

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
 * credits, then it fails with the reason in words for the user.
 */
@ApplicationScoped
class TaskAttempts {

    private final int maxAttempts;
    private final long creditCap;

    TaskAttempts(OrchestratorConfig config) {
        this.maxAttempts = config.jobs().maxAttempts();
        this.creditCap = config.jobs().taskCreditCap();
    }

    /** Another attempt, told what went wrong in this one; or the task's failure once the attempts are used up. */
    JobStep retryOrFail(Job job, AgentRecords.Feedback whatWentWrong, String reason) {
        Work.Implement work = job.work(Work.Implement.class);
        job.work = work.with(work.attempt().again(whatWentWrong));
        if (job.attempt() > maxAttempts) {
            job.failure = "Task #" + job.currentTask() + " did not converge in " + maxAttempts + " attempts: "
                    + reason + ".";
            return JobStep.TASK_FAILED;
        }
        return JobStep.IMPLEMENT;
    }

    boolean overCap(Job job) {
        return spent(job) >= creditCap;
    }

    JobStep failOverCap(Job job) {
        job.failure = "Task #" + job.currentTask() + " reached its credit cap (" + Markdown.credits(spent(job))
                + " spent of " + Markdown.credits(creditCap) + ") without converging.";
        return JobStep.TASK_FAILED;
    }

    /** The attempts a failed task is recorded with: never more than were allowed. */
    int recorded(Job job) {
        return Math.min(job.attempt(), maxAttempts);
    }

    String note(Job job) {
        return job.attempt() > 1 ? " (attempt " + job.attempt() + "/" + maxAttempts + ")" : "";
    }

    private static long spent(Job job) {
        return job.work(Work.Implement.class).attempt().spent();
    }

    /** The first problem, cut for a reason line. */
    static String first(List<String> problems) {
        String problem = problems.isEmpty() ? "no details" : problems.get(0);
        return problem.length() > 300 ? problem.substring(0, 300) + "…" : problem;
    }
}
