package ai.devbot.orchestrator.job.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import ai.devbot.orchestrator.client.agent.AgentRecords;
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
        PLAN, IMPLEMENT, EXTEND, README, TEST
    }

    public enum State {
        RUNNING, DONE, FAILED, CANCELLED
    }

    /** One finished step; {@code ranOn} is the process that ran it ({@code support.Instance}). */
    public record StepRecord(String stepId, JobStep step, Instant finishedAt, String note, String ranOn) {
    }

    public String id;
    public Kind kind;
    public long chatId;
    /** The forum topic the command came from (null outside forums): every reply of the job goes there. */
    public Long threadId;
    public long userId;
    /** The command that started the job: replies name it. */
    public String commandId;
    public Long projectId;
    public String projectTitle;
    /** How the job ends (set by the step that decides it); the job is over only once FINISH ran. */
    public State state = State.RUNNING;
    public boolean over;
    public JobStep step;
    public String stepId;
    /** Free text the job works from: the idea (PLAN) or the change request (EXTEND). */
    public String input;

    /** IMPLEMENT: the tasks to do, in order, and where the job is among them. */
    public List<Integer> taskQueue = new ArrayList<>();
    public int taskIndex;
    public int attempt;
    public List<String> previousErrors = new ArrayList<>();
    public List<AgentRecords.Edit> pendingEdits = new ArrayList<>();
    public String pendingExplanation;
    public Set<String> taskChangedFiles = new LinkedHashSet<>();
    public Set<String> changedFiles = new LinkedHashSet<>();
    public List<Integer> doneTasks = new ArrayList<>();
    public Integer failedTask;

    /** The current task's last checks in a line ("✓ 12 passed"), and the last finished task's. */
    public String checksLine;
    public String lastChecks;

    /** PLAN / EXTEND / README results, kept until the step that stores them has run. */
    public AgentRecords.Plan plan;
    public List<AgentRecords.Task> newTasks = new ArrayList<>();
    public AgentRecords.Checks newChecks;
    public String readme;

    /** Credits charged for the whole job and for the current task (capped per task). */
    public long spent;
    public long taskSpent;
    public boolean simulated;
    /** Why the job failed, in words for the user. */
    public String failure;
    public List<StepRecord> history = new ArrayList<>();
    /** What the running step wants said about it in the history. */
    public String lastNote;
    public Instant createdAt;
    public Instant updatedAt;

    public Integer currentTask() {
        return taskIndex < taskQueue.size() ? taskQueue.get(taskIndex) : null;
    }

    /** The key its step messages go under: the project once there is one, the job itself before. */
    public String stepKey() {
        return projectId != null ? Long.toString(projectId) : id;
    }

    public boolean finished() {
        return over;
    }
}
