package ai.devbot.projectstore.task;

import java.util.List;

/** One step of a project's plan, with where it stands. */
public record Task(int number, String title, String description, List<String> acceptanceCriteria, String status,
        int attempts, String lastFailure, String resultSummary) {

    public static final List<String> STATUSES = List.of("todo", "in_progress", "done", "failed");
}
