package ai.devbot.orchestrator.job.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import ai.devbot.orchestrator.client.agent.AgentRecords;
import ai.devbot.orchestrator.client.projectstore.StoreRecords;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What one kind of job works from and has produced so far. Each kind has its own record, so a step
 * can only read and change what its kind has; a change is a new value ({@code job.work = work.with…}),
 * stored with the job after the step (docs/adr/0008-durable-jobs.md).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({ @JsonSubTypes.Type(value = Work.Plan.class, name = "PLAN"),
        @JsonSubTypes.Type(value = Work.Implement.class, name = "IMPLEMENT"),
        @JsonSubTypes.Type(value = Work.Extend.class, name = "EXTEND"),
        @JsonSubTypes.Type(value = Work.Readme.class, name = "README"),
        @JsonSubTypes.Type(value = Work.Test.class, name = "TEST"),
        @JsonSubTypes.Type(value = Work.Import.class, name = "IMPORT") })
@RegisterForReflection(targets = { Work.Plan.class, Work.Implement.class, Work.Attempt.class, Work.Allowance.class, Work.Pause.class, Work.Extend.class,
        Work.Readme.class, Work.Test.class, Work.Import.class })
public sealed interface Work {

    @JsonIgnore
    Job.Kind kind();

    /** PLAN: the user's idea, and the architect's plan once it answered. */
    record Plan(String idea, AgentRecords.Plan plan) implements Work {
        public Job.Kind kind() {
            return Job.Kind.PLAN;
        }

        public Plan planned(AgentRecords.Plan answer) {
            return new Plan(idea, answer);
        }
    }

    /** EXTEND: the change request, and the tasks (and maybe checks) the architect made of it. */
    record Extend(String request, List<AgentRecords.Task> newTasks, AgentRecords.Checks newChecks) implements Work {
        public Extend {
            newTasks = newTasks == null ? List.of() : List.copyOf(newTasks);
        }

        public Job.Kind kind() {
            return Job.Kind.EXTEND;
        }

        public Extend planned(List<AgentRecords.Task> tasks, AgentRecords.Checks checks) {
            return new Extend(request, tasks, checks);
        }
    }

    /** README: the README the architect wrote, until it is stored. */
    record Readme(String markdown) implements Work {
        public Job.Kind kind() {
            return Job.Kind.README;
        }
    }

    /**
     * IMPORT: the upload or the repository link ({@code url}) to import, what the import kept, and what the
     * architect made of the project. {@code fileName} names the source to the user (the file name or the link).
     */
    record Import(String uploadId, String url, String fileName, StoreRecords.ImportReport report,
            AgentRecords.Onboarding onboarding) implements Work {
        public Job.Kind kind() {
            return Job.Kind.IMPORT;
        }

        public Import imported(StoreRecords.ImportReport kept) {
            return new Import(uploadId, url, fileName, kept, onboarding);
        }

        public Import onboarded(AgentRecords.Onboarding answer) {
            return new Import(uploadId, url, fileName, report, answer);
        }
    }

    /** TEST: the checks' result in a line ("✓ 12 passed"), once they ran. */
    record Test(String checksLine) implements Work {
        public Job.Kind kind() {
            return Job.Kind.TEST;
        }
    }

    /**
     * IMPLEMENT: the tasks to do in order, where the job is among them, what the finished ones left, the tasks the
     * user chose to skip at their cap, and the current task's attempt (null between tasks).
     */
    record Implement(List<Integer> queue, int index, List<Integer> done, List<String> changedFiles, Integer failedTask,
            String lastChecks, Attempt attempt, List<Integer> skipped) implements Work {

        public Implement {
            queue = queue == null ? List.of() : List.copyOf(queue);
            done = done == null ? List.of() : List.copyOf(done);
            changedFiles = changedFiles == null ? List.of() : List.copyOf(changedFiles);
            skipped = skipped == null ? List.of() : List.copyOf(skipped);
        }

        public static Implement of(List<Integer> queue) {
            return new Implement(queue, 0, List.of(), List.of(), null, null, null, List.of());
        }

        public Job.Kind kind() {
            return Job.Kind.IMPLEMENT;
        }

        /** The current task's number; null once the queue is done. */
        public Integer number() {
            return index < queue.size() ? queue.get(index) : null;
        }

        /** The task after the current one in the queue; null when it is the last. */
        public Integer following() {
            return index + 1 < queue.size() ? queue.get(index + 1) : null;
        }

        public Implement started(StoreRecords.Task task) {
            return with(new Attempt(task, 1, null, List.of(), null, List.of(), null, 0, null, null));
        }

        public Implement with(Attempt changed) {
            return new Implement(queue, index, done, changedFiles, failedTask, lastChecks, changed, skipped);
        }

        /** The current task is done: its files join the job's, its checks are the last ones, the queue moves on. */
        public Implement taskDone() {
            List<Integer> finished = new ArrayList<>(done);
            if (!finished.contains(number())) {
                finished.add(number());
            }
            return new Implement(queue, index + 1, finished, union(changedFiles, attempt.files()), failedTask,
                    attempt.checks(), null, skipped);
        }

        /** The current task was left failed at the user's choice: the queue moves on, its changes stay. */
        public Implement taskSkipped() {
            List<Integer> left = new ArrayList<>(skipped);
            if (!left.contains(number())) {
                left.add(number());
            }
            return new Implement(queue, index + 1, done, union(changedFiles, attempt.files()), failedTask, lastChecks,
                    null, left);
        }

        /** The current task failed: the job ends here, with what it changed. */
        public Implement taskFailed() {
            return new Implement(queue, index, done, union(changedFiles, attempt.files()), number(), lastChecks,
                    attempt, skipped);
        }
    }

    /**
     * One task's attempts: the task as it was read when it started, the attempt number, what went wrong in the
     * last one (for the implementer, null on the first), the edits waiting to be applied and reviewed, the files changed so far,
     * its checks' last line, the credits it has cost, what the user allowed beyond the configured caps (null: the
     * caps as configured) and, while the task waits for the user at a cap, that pause.
     */
    record Attempt(StoreRecords.Task task, int number, AgentRecords.Feedback feedback, List<AgentRecords.Edit> edits,
            String explanation, List<String> files, String checks, long spent, Allowance allowance, Pause pause) {

        public Attempt {
            edits = edits == null ? List.of() : List.copyOf(edits);
            files = files == null ? List.of() : List.copyOf(files);
        }

        /** The next attempt, told what went wrong (null: nothing it can act on). */
        public Attempt again(AgentRecords.Feedback whatWentWrong) {
            return new Attempt(task, number + 1, whatWentWrong, edits, explanation, files, checks, spent, allowance, pause);
        }

        public Attempt answered(List<AgentRecords.Edit> newEdits, String newExplanation) {
            return new Attempt(task, number, feedback, newEdits, newExplanation, files, checks, spent, allowance, pause);
        }

        public Attempt applied(Collection<String> paths) {
            return new Attempt(task, number, feedback, edits, explanation, union(files, paths), checks, spent, allowance,
                    pause);
        }

        public Attempt checked(String line) {
            return new Attempt(task, number, feedback, edits, explanation, files, line, spent, allowance, pause);
        }

        public Attempt charged(long credits) {
            return new Attempt(task, number, feedback, edits, explanation, files, checks, spent + credits, allowance,
                    pause);
        }

        public Attempt paused(Pause at) {
            return new Attempt(task, number, feedback, edits, explanation, files, checks, spent, allowance, at);
        }

        /** The user's "Try again": the pause is over and the task may go on within the new allowance. */
        public Attempt allowed(Allowance more) {
            return new Attempt(task, number, feedback, edits, explanation, files, checks, spent, more, null);
        }

        /** How many times the user allowed more (names each pause's steps apart). */
        public int grants() {
            return allowance == null ? 0 : allowance.grants();
        }
    }

    /**
     * What the user allowed a task beyond the configured caps by pressing "Try again": attempts up to {@code attempts},
     * credits up to {@code credits}, after {@code grants} such presses.
     */
    record Allowance(int attempts, long credits, int grants) {
    }

    /**
     * A task stopped at a cap, waiting for the user: why (in words for the user, Markdown), the step a "Try again"
     * resumes at, the credits one more attempt may cost at most, and when the wait ends by itself.
     */
    record Pause(String reason, JobStep resumeAt, long extraCredits, Instant expiresAt) {
    }

    private static List<String> union(Collection<String> first, Collection<String> second) {
        LinkedHashSet<String> both = new LinkedHashSet<>(first);
        both.addAll(second);
        return List.copyOf(both);
    }
}
