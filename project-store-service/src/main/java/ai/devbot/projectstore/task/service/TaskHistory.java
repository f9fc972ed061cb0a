package ai.devbot.projectstore.task.service;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

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

    /** A file as it was before the task ({@code before} null: it did not exist) and after it. */
    private record Span(String path, int firstVersion, int lastVersion, String before, String after, int currentVersion) {
    }

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

    public Uni<ProjectService.BatchOutcome> rollback(long projectId, long ownerId, int task) {
        return projects.get(projectId, ownerId).chain(project -> spans(projectId, task)).chain(spans -> {
            if (spans.isEmpty()) {
                throw new IllegalArgumentException("task " + task + " changed no files; there is nothing to roll back");
            }
            List<String> later = spans.stream().filter(s -> s.currentVersion() != s.lastVersion()).map(Span::path).toList();
            if (!later.isEmpty()) {
                throw new ConflictException("later changes touched " + String.join(", ", later)
                        + " after task " + task + "; roll those back first");
            }
            List<Edit> edits = new ArrayList<>();
            for (Span span : spans) {
                edits.add(span.before() == null ? new Edit(Edit.Kind.delete, span.path(), null, null, null)
                        : new Edit(Edit.Kind.write, span.path(), null, null, span.before()));
            }
            String batchId = "rollback-task-" + task + "@" + spans.stream().mapToInt(Span::lastVersion).sum();
            return projects.applyEdits(projectId, ownerId,
                    new ProjectService.BatchRequest(batchId, task, null, "rollback", edits), EditBatch.Limits.DEFAULT);
        });
    }

    private Uni<List<Span>> spans(long projectId, int task) {
        return pool.preparedQuery("""
                WITH touched AS (
                    SELECT path, min(version) AS first_version, max(version) AS last_version
                    FROM file_version WHERE project_id = $1 AND task_number = $2 AND author <> 'rollback' GROUP BY path)
                SELECT t.path, t.first_version, t.last_version,
                       (SELECT content FROM file_version b WHERE b.project_id = $1 AND b.path = t.path
                            AND b.version = t.first_version - 1) AS before,
                       (SELECT content FROM file_version a WHERE a.project_id = $1 AND a.path = t.path
                            AND a.version = t.last_version) AS after,
                       (SELECT max(version) FROM file_version c WHERE c.project_id = $1 AND c.path = t.path) AS current_version
                FROM touched t ORDER BY t.path""").execute(Tuple.of(projectId, task)).map(rows -> {
                    List<Span> spans = new ArrayList<>();
                    for (Row row : rows) {
                        spans.add(new Span(row.getString("path"), row.getInteger("first_version"),
                                row.getInteger("last_version"), row.getString("before"), row.getString("after"),
                                row.getInteger("current_version")));
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
