package ai.devbot.agent.operation;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

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
    }

    public record Plan(String jobId, Long userId, Long projectId, String idea, String constraints, String callId) implements Billed {
    }

    public record TaskRef(Integer number, String title, String description, List<String> acceptanceCriteria) {
    }

    public record Review(String jobId, Long userId, Long projectId, TaskRef task, String change, String files, String callId) implements Billed {
    }

    public record Extend(String jobId, Long userId, Long projectId, JsonNode plan, String changeRequest, String callId) implements Billed {
    }

    public record Readme(String jobId, Long userId, Long projectId, String title, String architecture,
            List<String> tasks, List<String> fileTree, String callId) implements Billed {
    }

    public record Chunk(String path, Integer startLine, String content) {
    }

    public record Implement(String jobId, Long userId, Long projectId, TaskRef task, String architecture,
            List<String> fileTree, List<Chunk> context, List<String> previousErrors, String callId) implements Billed {
    }
}
