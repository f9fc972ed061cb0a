package ai.devbot.projectstore.task.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;

import ai.devbot.projectstore.edit.Edit;
import ai.devbot.projectstore.edit.EditBatch;
import ai.devbot.projectstore.project.ConflictException;
import ai.devbot.projectstore.project.service.ProjectService;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What a task did to the files, from the versions its batches wrote: a unified diff per file,
 * and a rollback that restores the files as they were before it — refused when a later task
 * changed the same files since, so nothing newer is silently lost.
 */
@ApplicationScoped
public class TaskHistory {

    public record FileDiff(String path, String change, String diff) {
    }

    public record TaskDiff(int task, List<FileDiff> files) {
    }

    /**
     * A file as it was before the task ({@code before} null: it did not exist), after it, and now ({@code current},
     * with the task and author of the version that wrote it).
     */
    private record Span(String path, int firstVersion, int lastVersion, String before, String after, String current,
            Integer currentTask, String currentAuthor) {

        /** This task's rollback wrote the file as it was before the task, and nothing changed it since. */
        boolean undoneBy(int task) {
            return ROLLBACK.equals(currentAuthor) && Integer.valueOf(task).equals(currentTask)
                    && Objects.equals(current, before);
        }

        /** Someone changed the file after the task: rolling back would lose that. */
        boolean changedSince() {
            return !Objects.equals(current, after);
        }
    }

    private static final String ROLLBACK = "rollback";

    private final Pool pool;
    private final ProjectService projects;

    public TaskHistory(Pool pool, ProjectService projects) {
        this.pool = pool;
        this.projects = projects;
    }

    public Uni<TaskDiff> diff(long projectId, long ownerId, int task) {
        return projects.get(projectId, ownerId).chain(project -> spans(projectId, task)).map(spans -> {
            List<FileDiff> files = new ArrayList<>();
            for (Span span : spans) {
                String change = span.before() == null ? "created" : span.after() == null ? "deleted" : "changed";
                files.add(new FileDiff(span.path(), change, unified(span)));
            }
            return new TaskDiff(task, files);
        });
    }

    /** The task's change as one patch ({@code git apply} reads it): every file's unified diff, in path order. */
    public Uni<String> patch(long projectId, long ownerId, int task) {
        return diff(projectId, ownerId, task).map(diff -> {
            if (diff.files().isEmpty()) {
                throw new NotFoundException("task " + task + " changed no files");
            }
            StringBuilder patch = new StringBuilder();
            diff.files().forEach(file -> patch.append(file.diff()));
            return patch.toString();
        });
    }

    public Uni<ProjectService.BatchOutcome> rollback(long projectId, long ownerId, int task) {
        return projects.get(projectId, ownerId).chain(project -> spans(projectId, task)).chain(spans -> {
            if (spans.isEmpty()) {
                throw new IllegalArgumentException("task " + task + " changed no files; there is nothing to roll back");
            }
            if (spans.stream().allMatch(span -> span.undoneBy(task))) {
                throw new ConflictException("task " + task + " is already undone; its files are as they were before it");
            }
            List<Span> later = spans.stream().filter(Span::changedSince).toList();
            if (!later.isEmpty()) {
                throw new ConflictException("later changes touched its files: " + later.stream()
                        .map(span -> span.path() + " (" + (span.currentTask() == null ? "a change outside any task"
                                : "task " + span.currentTask()) + ")").collect(Collectors.joining(", "))
                        + "; undo those first");
            }
            List<Edit> edits = new ArrayList<>();
            for (Span span : spans) {
                edits.add(span.before() == null ? new Edit(Edit.Kind.delete, span.path(), null, null, null)
                        : new Edit(Edit.Kind.write, span.path(), null, null, span.before()));
            }
            String batchId = "rollback-task-" + task + "@" + spans.stream().mapToInt(Span::lastVersion).sum();
            return projects.applyEdits(projectId, ownerId,
                    new ProjectService.BatchRequest(batchId, task, null, ROLLBACK, edits), EditBatch.Limits.DEFAULT);
        });
    }

    private Uni<List<Span>> spans(long projectId, int task) {
        return pool.preparedQuery("""
                WITH touched AS (
                    SELECT path, min(version) AS first_version, max(version) AS last_version
                    FROM file_version WHERE project_id = $1 AND task_number = $2 AND author <> 'rollback' GROUP BY path),
                latest AS (
                    SELECT DISTINCT ON (path) path, content, task_number, author FROM file_version
                    WHERE project_id = $1 AND path IN (SELECT path FROM touched) ORDER BY path, version DESC)
                SELECT t.path, t.first_version, t.last_version,
                       (SELECT content FROM file_version b WHERE b.project_id = $1 AND b.path = t.path
                            AND b.version = t.first_version - 1) AS before,
                       (SELECT content FROM file_version a WHERE a.project_id = $1 AND a.path = t.path
                            AND a.version = t.last_version) AS after,
                       l.content AS current, l.task_number AS current_task, l.author AS current_author
                FROM touched t JOIN latest l ON l.path = t.path ORDER BY t.path""").execute(Tuple.of(projectId, task)).map(rows -> {
                    List<Span> spans = new ArrayList<>();
                    for (Row row : rows) {
                        spans.add(new Span(row.getString("path"), row.getInteger("first_version"),
                                row.getInteger("last_version"), row.getString("before"), row.getString("after"),
                                row.getString("current"), row.getInteger("current_task"),
                                row.getString("current_author")));
                    }
                    return spans;
                });
    }

    private static String unified(Span span) {
        List<String> before = span.before() == null ? List.of() : span.before().lines().toList();
        List<String> after = span.after() == null ? List.of() : span.after().lines().toList();
        var patch = DiffUtils.diff(before, after);
        return String.join("\n", UnifiedDiffUtils.generateUnifiedDiff(
                span.before() == null ? "/dev/null" : "a/" + span.path(),
                span.after() == null ? "/dev/null" : "b/" + span.path(), before, patch, 3)) + "\n";
    }
}
