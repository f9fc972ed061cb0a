package ai.devbot.orchestrator.job.service;

import java.util.EnumMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import ai.devbot.orchestrator.client.projectstore.ProjectStore;
import ai.devbot.orchestrator.client.projectstore.StoreRecords;
import ai.devbot.orchestrator.job.model.Job;
import ai.devbot.orchestrator.job.model.JobStep;
import ai.devbot.orchestrator.reply.Buttons;
import ai.devbot.orchestrator.reply.Replies;
import ai.devbot.orchestrator.reply.Reply;
import io.smallrye.mutiny.Uni;

/**
 * Runs a job's current step with the workflow that owns it, and ends every job the same way (FINISH:
 * the final answer, an interrupted task reopened, the project's lock released). Its beginning is
 * {@link JobLauncher}'s.
 */
@ApplicationScoped
public class JobSteps {

    private final ProjectStore store;
    private final JobProgress progress;
    private final Replies replies;
    private final JobStore jobs;
    private final Map<JobStep, Workflow> owners = new EnumMap<>(JobStep.class);

    JobSteps(ProjectStore store, JobProgress progress, Replies replies, JobStore jobs, Instance<Workflow> workflows) {
        this.store = store;
        this.progress = progress;
        this.replies = replies;
        this.jobs = jobs;
        for (Workflow workflow : workflows) {
            for (JobStep step : workflow.steps()) {
                if (owners.put(step, workflow) != null) {
                    throw new IllegalStateException(step + " is run by two workflows");
                }
            }
        }
        for (JobStep step : JobStep.values()) {
            if (step != JobStep.FINISH && !owners.containsKey(step)) {
                throw new IllegalStateException("no workflow runs " + step);
            }
        }
    }

    /** The next step, or null once the job is over. */
    Uni<JobStep> run(Job job) {
        return job.step == JobStep.FINISH ? Workflow.next(finish(job)) : owners.get(job.step).run(job.step, job);
    }

    private JobStep finish(Job job) {
        if (job.ending == Job.State.RUNNING) {
            job.ending = Job.State.DONE;
        }
        if (job.ending == Job.State.CANCELLED && job.currentTask() != null) {
            store.updateTask(job.projectId, job.userId, job.currentTask(),
                    new StoreRecords.TaskUpdate("todo", null, "cancelled by the user", null));
        }
        boolean tasksLeft = job.projectId != null && store.tasks(job.projectId, job.userId).stream()
                .anyMatch(task -> !"done".equals(task.status()));
        String text = Texts.finalAnswer(job, tasksLeft);
        progress.outcome(job, Texts.finalStatus(job));
        if (text != null) {
            replies.send(job.threadId, Reply.message(job.id + "/final", job.commandId, job.chatId, text,
                    job.projectId == null ? null : Buttons.afterWork(job.projectId, tasksLeft)));
        }
        release(job);
        return null;
    }

    void release(Job job) {
        if (job.projectId != null) {
            jobs.unlockProject(job.projectId, job.id);
        }
    }
}
