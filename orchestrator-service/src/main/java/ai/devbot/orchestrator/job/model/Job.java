package ai.devbot.orchestrator.job.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A durable job: its input, where it stands (the current step and its id) and what its finished
 * steps produced. Stored in Redis after every step, so a restarted orchestrator resumes at the
 * current step with everything the earlier ones left (see docs/adr/0008-durable-jobs.md).
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonIgnoreProperties(ignoreUnknown = true)
@RegisterForReflection(registerFullHierarchy = true)
public class Job {

    public enum Kind {
        PLAN, IMPLEMENT, EXTEND, README, TEST, IMPORT
    }

    public enum State {
        RUNNING, DONE, FAILED, CANCELLED
    }

    /** One finished step; {@code ranOn} is the process that ran it ({@code support.Instance}). */
    public record StepRecord(String stepId, JobStep step, Instant finishedAt, String note, String ranOn) {
    }

    public String id;
    public long chatId;
    /** The forum topic the command came from (null outside forums): every reply of the job goes there. */
    public Long threadId;
    public long userId;
    /** The command that started the job: replies name it. */
    public String commandId;
    public Long projectId;
    public String projectTitle;
    /**
     * How the job ends, set by the step that decides it (RUNNING until then). The job is over once it has no
     * step: FINISH ran, and {@link #state()} is this.
     */
    public State ending = State.RUNNING;
    /** The current step and its id; null once the job is over. */
    public JobStep step;
    public String stepId;
    /** What this kind of job works from and has produced so far. */
    public Work work;

    /** The model tier the job's calls use (agent-service's tiers; null: the default), fixed when it starts. */
    public String tier;
    /** Credits charged for the whole job (the current task's share is on its attempt, capped per task). */
    public long spent;
    public boolean simulated;
    /** Why the job failed, in words for the user. */
    public String failure;
    public List<StepRecord> history = new ArrayList<>();
    /** What the running step wants said about it in the history. */
    public String lastNote;
    public Instant createdAt;
    public Instant updatedAt;

    public Job() {
    }

    public Job(String id, Work work) {
        this.id = id;
        this.work = work;
    }

    public Kind kind() {
        return work.kind();
    }

    /** RUNNING until the job is over, then how it ended: the one state operators and metrics read. */
    public State state() {
        return finished() ? ending : State.RUNNING;
    }

    public boolean finished() {
        return step == null;
    }

    /** This kind's work; a step of another kind asking for it is a bug. */
    public <W extends Work> W work(Class<W> kind) {
        if (!kind.isInstance(work)) {
            throw new IllegalStateException("job " + id + " is " + kind() + ", not " + kind.getSimpleName());
        }
        return kind.cast(work);
    }

    /** The task an IMPLEMENT job is at (null for other kinds and once its queue is done). */
    public Integer currentTask() {
        return work instanceof Work.Implement implement ? implement.number() : null;
    }

    /** The current task's attempt number (0 outside a task). */
    public int attempt() {
        return work instanceof Work.Implement implement && implement.attempt() != null
                ? implement.attempt().number() : 0;
    }

    /** Waiting for its user's choice at a task's cap: no step runs until the choice, /cancel or the expiry. */
    public boolean paused() {
        return step != null && step.waitsForUser();
    }

    /** What the job waits at while {@link #paused()}; null otherwise. */
    public Work.Pause pause() {
        return paused() && work instanceof Work.Implement implement && implement.attempt() != null
                ? implement.attempt().pause() : null;
    }

    /** Adds a charge to the job's spend and, inside a task, to the task's (which its cap is checked against). */
    public void charged(long credits) {
        spent += credits;
        if (work instanceof Work.Implement implement && implement.attempt() != null) {
            work = implement.with(implement.attempt().charged(credits));
        }
    }

    /** The key its step messages go under: the project once there is one, the job itself before. */
    public String stepKey() {
        return projectId != null ? Long.toString(projectId) : id;
    }
}
