package ai.devbot.agent.operation;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.qute.TemplateData;

/**
 * What the orchestrator sends for each operation; every call names the job, user and project it is
 * billed to. {@code callId} (optional) names the request: a repeated request with the same id meters
 * its model calls under the same usage event ids, so billing charges a retried step once.
 */
public final class Requests {

    private Requests() {
    }

    /** What every operation's request names: who and what its model calls are billed to. */
    public interface Billed {
        String jobId();

        Long userId();

        Long projectId();

        String callId();

        /** The model tier to call ({@code agent.tiers}); absent: the default tier. */
        String tier();
    }

    public record Plan(String jobId, Long userId, Long projectId, String idea, String constraints, String callId, String tier) implements Billed {
    }

    public record TaskRef(Integer number, String title, String description, List<String> acceptanceCriteria) {
    }

    /**
     * The change to review, as data the review prompt words: the implementer's explanation and edits, the checks'
     * line, and the changed files as they are now ({@code filesLeftOut} more did not fit). {@code change} and
     * {@code files} are the same as ready text, from orchestrators before 2026-12-02; new ones send the data.
     */
    public record Review(String jobId, Long userId, Long projectId, TaskRef task, String explanation, List<Edit> edits,
            String checks, List<ChangedFile> changedFiles, Integer filesLeftOut, String change, String files,
            String callId, String tier) implements Billed {
    }

    /** An edit as the implementer wrote it: {@code kind} replace (search → replace), write (content) or delete. */
    @TemplateData
    public record Edit(String kind, String path, String search, String replace, String content) {
    }

    /** A file the change touched, as it is now; {@code deleted} when the change removed it. */
    @TemplateData
    public record ChangedFile(String path, String content, boolean deleted) {
    }

    /** Why the previous attempt did not go through, as data the implement prompt words. */
    @TemplateData
    public record Feedback(Kind kind, List<String> problems, CheckRun checks) {

        public enum Kind {
            /** The answer had no edits. */
            NO_EDITS,
            /** The edits did not apply (problems: project-store's reasons); nothing was changed. */
            NOT_APPLIED,
            /** The edits applied and the project's checks failed ({@code checks}). */
            CHECKS_FAILED,
            /** The review did not approve the change (problems: the review's). */
            REJECTED,
            /** The answer could not be read (problems: why). */
            UNREADABLE
        }
    }

    /** A failed run of the project's checks: the command, its summary line, what failed and the end of its output. */
    @TemplateData
    public record CheckRun(String command, String summary, String failedStep, String reason, List<TestFailure> failures,
            String stdoutTail, String stderrTail) {
    }

    @TemplateData
    public record TestFailure(String name, String message) {
    }

    public record Extend(String jobId, Long userId, Long projectId, JsonNode plan, String changeRequest, String callId, String tier) implements Billed {
    }

    public record Readme(String jobId, Long userId, Long projectId, String title, String architecture,
            List<String> tasks, List<String> fileTree, String callId, String tier) implements Billed {
    }

    public record Chunk(String path, Integer startLine, String content) {
    }

    /** A file of an imported project, whole, as the onboarding prompt shows it. */
    @TemplateData
    public record SourceFile(String path, String content) {
    }

    /**
     * An imported project to understand: its file tree ({@code filesLeftOut} more did not fit) and its most
     * telling files, chosen by the orchestrator within its budget.
     */
    public record Onboard(String jobId, Long userId, Long projectId, String title, List<String> fileTree,
            Integer filesLeftOut, List<SourceFile> files, String callId, String tier) implements Billed {
    }

    /**
     * {@code feedback}: what went wrong in the previous attempt (absent on a first attempt); {@code previousErrors}
     * is the same as ready lines, from orchestrators before 2026-12-02.
     */
    public record Implement(String jobId, Long userId, Long projectId, TaskRef task, String architecture,
            List<String> fileTree, List<Chunk> context, Feedback feedback, List<String> previousErrors, String callId,
            String tier) implements Billed {
    }
}
