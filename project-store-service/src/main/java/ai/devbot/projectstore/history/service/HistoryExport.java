package ai.devbot.projectstore.history.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import ai.devbot.projectstore.history.GitHistory;
import ai.devbot.projectstore.project.NotFoundException;
import ai.devbot.projectstore.project.Project;
import ai.devbot.projectstore.project.service.ProjectService;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A project's stored versions as git commits: the import is the first commit; each task's work (its applied
 * batches, attempts together) one commit named after the task; an undo one commit; any other change (an operator
 * edit, the README) one commit per batch. Times are the stored ones, so the same history gives the same ids.
 */
@ApplicationScoped
public class HistoryExport {

    private final Pool pool;
    private final ProjectService projects;

    public HistoryExport(Pool pool, ProjectService projects) {
        this.pool = pool;
        this.projects = projects;
    }

    /** The project and its commits, oldest first. */
    public record History(Project project, List<GitHistory.Commit> commits) {
    }

    /** The project's history; 404 when it is not the owner's or has no files yet. */
    public Uni<History> history(long projectId, long ownerId) {
        return projects.get(projectId, ownerId).chain(project -> pool.preparedQuery(
                "SELECT number, title, result_summary FROM task WHERE project_id = $1").execute(Tuple.of(projectId))
                .chain(taskRows -> {
                    Map<Integer, String[]> tasks = new HashMap<>();
                    taskRows.forEach(row -> tasks.put(row.getInteger("number"),
                            new String[] { row.getString("title"), row.getString("result_summary") }));
                    return pool.preparedQuery("SELECT path, content, created_at FROM project_binary WHERE project_id = $1")
                            .execute(Tuple.of(projectId)).chain(binaries -> pool.preparedQuery(
                                    "SELECT path, content, batch_id, task_number, author, created_at FROM file_version "
                                            + "WHERE project_id = $1 ORDER BY id").execute(Tuple.of(projectId))
                                    .map(rows -> new History(project, commits(project.idea(), tasks, binaries, rows))));
                }));
    }

    private static List<GitHistory.Commit> commits(String idea, Map<Integer, String[]> tasks,
            Iterable<Row> binaries, Iterable<Row> versions) {
        List<Unit> units = new ArrayList<>();
        Unit current = null;
        for (Row row : versions) {
            String key = unitKey(row);
            if (current == null || !current.key.equals(key)) {
                current = new Unit(key, row.getString("author"), row.getInteger("task_number"), row.getString("batch_id"));
                units.add(current);
            }
            String content = row.getString("content");
            current.changes.put(row.getString("path"), content == null ? null : content.getBytes(StandardCharsets.UTF_8));
            current.at = seconds(row.getOffsetDateTime("created_at").toInstant());
        }
        if (units.isEmpty()) {
            throw new NotFoundException("the project has no files yet, so no history");
        }
        // Imported binary files belong to the import, the first commit.
        Unit first = units.get(0);
        for (Row row : binaries) {
            first.changes.put(row.getString("path"), row.getBuffer("content").getBytes());
        }
        List<GitHistory.Commit> commits = new ArrayList<>();
        for (Unit unit : units) {
            commits.add(new GitHistory.Commit(message(unit, idea, tasks), unit.at, unit.changes));
        }
        return commits;
    }

    /** Batches of one task in a row are one commit (its attempts); the import, an undo or any other batch its own. */
    private static String unitKey(Row row) {
        String author = row.getString("author");
        Integer task = row.getInteger("task_number");
        if ("import".equals(author) || "rollback".equals(author) || task == null) {
            return author + ":" + row.getString("batch_id");
        }
        return "task:" + task;
    }

    private static String message(Unit unit, String idea, Map<Integer, String[]> tasks) {
        String[] task = unit.task == null ? null : tasks.get(unit.task);
        String title = task == null ? null : task[0];
        if ("import".equals(unit.author)) {
            return Objects.requireNonNullElse(idea, "Import").isBlank() ? "Import" : idea;
        }
        if ("rollback".equals(unit.author)) {
            return "Undo task " + unit.task + (title == null ? "" : ": " + title);
        }
        if (unit.task != null) {
            String summary = task == null ? null : task[1];
            return "Task " + unit.task + (title == null ? "" : ": " + title)
                    + (summary == null || summary.isBlank() ? "" : "\n\n" + summary);
        }
        List<String> paths = new ArrayList<>(unit.changes.keySet());
        return "Update " + String.join(", ", paths.subList(0, Math.min(3, paths.size())))
                + (paths.size() > 3 ? " and " + (paths.size() - 3) + " more" : "");
    }

    private static Instant seconds(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS);
    }

    private static final class Unit {
        final String key;
        final String author;
        final Integer task;
        final String batchId;
        final Map<String, byte[]> changes = new LinkedHashMap<>();
        Instant at;

        Unit(String key, String author, Integer task, String batchId) {
            this.key = key;
            this.author = author;
            this.task = task;
            this.batchId = batchId;
        }
    }
}
