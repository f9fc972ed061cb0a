package ai.devbot.orchestrator.client.agent;

import java.time.Instant;
import java.util.List;

/** The orchestrator's own view of agent-service's requests and answers (agent-service/README.md). */
public final class AgentRecords {

    private AgentRecords() {
    }

    /** The bounds of one operation: {@code fixedInputTokens + inputTokensPerRequestByte × bytes} in, {@code maxOutputTokens} out. */
    public record Limit(String operation, String provider, String model, long fixedInputTokens,
            int inputTokensPerRequestByte, long maxOutputTokens) {
    }

    public record Task(Integer number, String title, String description, List<String> acceptanceCriteria) {
    }

    public record ModelCall(String eventId, String provider, String model, String keyAlias, long inputTokens,
            long outputTokens, boolean estimated, boolean succeeded, boolean simulated, Instant occurredAt) {
    }

    public record Usage(List<ModelCall> calls, long inputTokens, long outputTokens, boolean simulated) {
        public static Usage none() {
            return new Usage(List.of(), 0, 0, false);
        }
    }

    /** The commands the sandbox runs on the project: {@code setup} (may be blank), then {@code check}. */
    public record Checks(String setup, String check) {
    }

    public record Plan(String title, String summary, List<String> techStack, String architecture, Checks checks,
            List<Task> tasks) {
    }

    public record PlanRequest(String jobId, long userId, Long projectId, String idea, String callId,
            String tier) {
    }

    public record Planned(Plan plan, Usage usage) {
    }

    public record Chunk(String path, Integer startLine, String content) {
    }

    /** {@code feedback}: what went wrong in the previous attempt (null on a first attempt). */
    public record ImplementRequest(String jobId, long userId, Long projectId, Task task, String architecture,
            List<String> fileTree, List<Chunk> context, Feedback feedback, String callId,
            String tier) {
    }

    /** Why an attempt did not go through, as data: agent-service's implement prompt words it. */
    public record Feedback(Kind kind, List<String> problems, CheckRun checks) {

        public enum Kind {
            NO_EDITS, NOT_APPLIED, CHECKS_FAILED, REJECTED, UNREADABLE
        }

        public static Feedback of(Kind kind, List<String> problems) {
            return new Feedback(kind, problems, null);
        }
    }

    /** A failed run of the project's checks: the command, its summary line, what failed, the end of its output. */
    public record CheckRun(String command, String summary, String failedStep, String reason, List<TestFailure> failures,
            String stdoutTail, String stderrTail) {
    }

    public record TestFailure(String name, String message) {
    }

    /** A file a change touched, as it is now; {@code deleted} when the change removed it. */
    public record ChangedFile(String path, String content, boolean deleted) {
    }

    public record Edit(String kind, String path, String search, String replace, String content) {
    }

    public record Implemented(List<Edit> edits, String explanation, String editFormat, Usage usage) {
    }

    /** The change as data (agent-service's review prompt words it); {@code filesLeftOut} changed files did not fit. */
    public record ReviewRequest(String jobId, long userId, Long projectId, Task task, String explanation,
            List<Edit> edits, String checks, List<ChangedFile> changedFiles, int filesLeftOut, String callId,
            String tier) {
    }

    public record Review(boolean approved, List<String> problems, String summary) {
    }

    public record Reviewed(Review review, Usage usage) {
    }

    public record ExtendRequest(String jobId, long userId, Long projectId, Object plan, String changeRequest,
            String callId,
            String tier) {
    }

    /** {@code checks} is null when the change keeps the project's checks. */
    public record Extended(List<Task> tasks, Checks checks, Usage usage) {
    }

    public record ReadmeRequest(String jobId, long userId, Long projectId, String title, String architecture,
            List<String> tasks, List<String> fileTree, String callId,
            String tier) {
    }

    public record Readme(String markdown, Usage usage) {
    }

    public record SourceFile(String path, String content) {
    }

    public record OnboardRequest(String jobId, long userId, Long projectId, String title, List<String> fileTree,
            int filesLeftOut, List<SourceFile> files, String callId,
            String tier) {
    }

    /** What the architect made of an imported project; {@code checks} is null when it found no way to test it. */
    public record Onboarding(String title, String summary, List<String> techStack, String architecture,
            Checks checks) {
    }

    public record Onboarded(Onboarding onboarding, Usage usage) {
    }

    public record Failure(String error, Usage usage) {
    }

    /** A model a tier calls, as billing prices it. */
    public record ModelRef(String provider, String model) {
    }

    /** A model tier users can choose per project (agent-service's {@code /tiers}). */
    public record Tier(String name, String label, boolean isDefault, ModelRef architect, ModelRef implementer,
            String editFormat) {
    }
}
