package ai.devbot.orchestrator.job.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** One durable message per step on {@code orchestrator-steps} (docs/contracts/orchestrator-steps). */
@JsonIgnoreProperties(ignoreUnknown = true)
@RegisterForReflection(registerFullHierarchy = true)
public record StepMessage(String stepId, String jobId, Job.Kind jobKind, Long projectId, long chatId, long userId,
        JobStep step, Integer taskNumber, Integer attempt, Instant issuedAt) {

    public static StepMessage of(Job job) {
        return new StepMessage(job.stepId, job.id, job.kind(), job.projectId, job.chatId, job.userId, job.step,
                job.currentTask(), job.attempt() == 0 ? null : job.attempt(), Instant.now());
    }

    /** Names a step once: the same step of the same task attempt always has the same id. */
    public static String idOf(Job job, JobStep step) {
        Integer task = job.currentTask();
        if (task == null || step == JobStep.FINISH) {
            return job.id + "/" + step;
        }
        if (step == JobStep.START_TASK || step == JobStep.TASK_DONE || step == JobStep.TASK_FAILED) {
            return job.id + "/task-" + task + "/" + step;
        }
        if (step == JobStep.TASK_PAUSED || step == JobStep.AWAIT_CHOICE) {
            // A task may pause again after "Try again", even within the same attempt: each pause is its own.
            int grants = job.work(Work.Implement.class).attempt().grants();
            return job.id + "/task-" + task + "/attempt-" + job.attempt() + "/pause-" + grants + "/" + step;
        }
        return job.id + "/task-" + task + "/attempt-" + job.attempt() + "/" + step;
    }
}
