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

    public record PlanRequest(String jobId, long userId, Long projectId, String idea, String callId) {
    }

    public record Planned(Plan plan, Usage usage) {
    }

    public record Chunk(String path, Integer startLine, String content) {
    }

    public record ImplementRequest(String jobId, long userId, Long projectId, Task task, String architecture,
            List<String> fileTree, List<Chunk> context, List<String> previousErrors, String callId) {
    }

    public record Edit(String kind, String path, String search, String replace, String content) {
    }

    public record Implemented(List<Edit> edits, String explanation, String editFormat, Usage usage) {
    }

    public record ReviewRequest(String jobId, long userId, Long projectId, Task task, String change, String files,
            String callId) {
    }

    public record Review(boolean approved, List<String> problems, String summary) {
    }

    public record Reviewed(Review review, Usage usage) {
    }

    public record ExtendRequest(String jobId, long userId, Long projectId, Object plan, String changeRequest,
            String callId) {
    }

    /** {@code checks} is null when the change keeps the project's checks. */
    public record Extended(List<Task> tasks, Checks checks, Usage usage) {
    }

    public record ReadmeRequest(String jobId, long userId, Long projectId, String title, String architecture,
            List<String> tasks, List<String> fileTree, String callId) {
    }

    public record Readme(String markdown, Usage usage) {
    }

    public record Failure(String error, Usage usage) {
    }
}
