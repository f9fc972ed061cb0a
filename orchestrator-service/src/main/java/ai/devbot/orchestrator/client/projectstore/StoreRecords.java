package ai.devbot.orchestrator.client.projectstore;

import java.util.List;

import ai.devbot.orchestrator.client.agent.AgentRecords;

/** The orchestrator's own view of project-store-service's messages (project-store-service/README.md). */
public final class StoreRecords {

    private StoreRecords() {
    }

    public record NewProject(long ownerId, String title, String idea, String summary, List<String> techStack,
            String architecture, AgentRecords.Checks checks, String creationKey) {
    }

    /** {@code checks} is null for a project whose plan declared none (planned before the sandbox existed). */
    public record Project(long id, long ownerId, String title, String idea, String summary, List<String> techStack,
            String architecture, AgentRecords.Checks checks, String status) {
    }

    /** Fields of a project to change; null ones stay. */
    public record ProjectChange(String title, String summary, List<String> techStack, String architecture,
            AgentRecords.Checks checks) {

        public static ProjectChange checks(AgentRecords.Checks checks) {
            return new ProjectChange(null, null, null, null, checks);
        }
    }

    public record ImportRequest(long ownerId, String uploadId, String creationKey) {
    }

    public record GitImportRequest(long ownerId, String url, String creationKey) {
    }

    public record Refusal(String entry, String reason) {
    }

    public record Skipped(String folder, int files, String why) {
    }

    /** What an import kept and left out: text files, binary files, refused entries, skipped folders. */
    public record ImportReport(String fileName, int files, int binaries, List<Refusal> refused, List<Skipped> skipped,
            String strippedFolder) {
    }

    public record Imported(Project project, ImportReport report) {
    }

    public record NewTask(String title, String description, List<String> acceptanceCriteria) {
    }

    public record Append(String appendId, List<NewTask> tasks) {
    }

    public record Task(int number, String title, String description, List<String> acceptanceCriteria, String status,
            int attempts, String lastFailure, String resultSummary) {

        public AgentRecords.Task forAgent() {
            return new AgentRecords.Task(number, title, description, acceptanceCriteria);
        }
    }

    public record TaskUpdate(String status, Integer attempts, String lastFailure, String resultSummary) {
    }

    /** {@code binary}: an imported binary file (an image…), never shown or edited. */
    public record FileInfo(String path, long bytes, int version, boolean binary) {
    }

    public record Batch(String batchId, int taskNumber, int attempt, String author, List<AgentRecords.Edit> edits) {
    }

    public record Applied(String batchId, List<String> created, List<String> changed, List<String> deleted) {
    }

    public record Rejected(String error, List<String> problems) {
    }

    /** One file a task changed: {@code change} is created, changed or deleted; {@code diff} a unified diff. */
    public record FileDiff(String path, String change, String diff) {
    }

    public record TaskDiff(int task, List<FileDiff> files) {
    }

    public record ContextRequest(String query, int budgetTokens) {
    }

    public record Hit(String path, int startLine, int endLine, String content) {
    }

    public record Context(List<String> fileTree, List<Hit> chunks) {
    }

    public record PushAddress(String address) {
    }

    /** The deploy key to add to the repository (its public half only) and the branch a push will write. */
    public record PushSetup(String address, String branch, String publicKey, String fingerprint) {
    }

    /** {@code outcome} is {@code pushed} or {@code up_to_date}. */
    public record Pushed(String outcome, String address, String branch, String commit, int commits,
            String hostKeyFingerprint, boolean firstContact) {
    }
}
