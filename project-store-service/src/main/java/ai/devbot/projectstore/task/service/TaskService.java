package ai.devbot.projectstore.task.service;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import ai.devbot.projectstore.project.service.ProjectService;
import ai.devbot.projectstore.task.Task;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/** Tasks of an owner's project: listed in order, appended once per appendId, updated one at a time. */
@ApplicationScoped
public class TaskService {

    public record NewTask(String title, String description, List<String> acceptanceCriteria) {
    }

    public record Append(String appendId, List<NewTask> tasks) {
    }

    public record Update(String status, Integer attempts, String lastFailure, String resultSummary) {
    }

    private static final String COLUMNS = "number, title, description, acceptance_criteria, status, attempts, last_failure, result_summary";
    static final int MAX_TASKS = 500;

    private final Pool pool;
    private final ProjectService projects;

    public TaskService(Pool pool, ProjectService projects) {
        this.pool = pool;
        this.projects = projects;
    }

    public Uni<List<Task>> list(long projectId, long ownerId) {
        return projects.get(projectId, ownerId).chain(project -> pool.preparedQuery(
                "SELECT " + COLUMNS + " FROM task WHERE project_id = $1 ORDER BY number").execute(Tuple.of(projectId)))
                .map(TaskService::tasks);
    }

    /** Appends after the highest number; the same appendId again answers the tasks it appended the first time. */
    public Uni<List<Task>> append(long projectId, long ownerId, Append request) {
        validate(request);
        return pool.withTransaction(tx -> projects.lockOwned(tx, projectId, ownerId)
                .chain(() -> tx.preparedQuery("SELECT first_number, count FROM task_append WHERE project_id = $1 AND append_id = $2")
                        .execute(Tuple.of(projectId, request.appendId())))
                .chain(done -> {
                    if (done.size() > 0) {
                        Row row = done.iterator().next();
                        return range(tx, projectId, row.getInteger("first_number"), row.getInteger("count"));
                    }
                    return tx.preparedQuery("SELECT coalesce(max(number), 0) AS last, count(*) AS total FROM task WHERE project_id = $1")
                            .execute(Tuple.of(projectId)).chain(rows -> {
                                Row row = rows.iterator().next();
                                int first = row.getInteger("last") + 1;
                                if (row.getLong("total") + request.tasks().size() > MAX_TASKS) {
                                    throw new IllegalArgumentException("a project has at most " + MAX_TASKS + " tasks");
                                }
                                List<Tuple> inserts = new ArrayList<>();
                                for (int i = 0; i < request.tasks().size(); i++) {
                                    NewTask task = request.tasks().get(i);
                                    inserts.add(Tuple.of(projectId, first + i, task.title().strip(),
                                            task.description() == null ? "" : task.description(),
                                            new JsonArray(task.acceptanceCriteria() == null ? List.of()
                                                    : List.copyOf(task.acceptanceCriteria()))));
                                }
                                return tx.preparedQuery("INSERT INTO task (project_id, number, title, description, "
                                        + "acceptance_criteria) VALUES ($1, $2, $3, $4, $5)").executeBatch(inserts)
                                        .chain(() -> tx.preparedQuery("INSERT INTO task_append (project_id, append_id, "
                                                + "first_number, count) VALUES ($1, $2, $3, $4)")
                                                .execute(Tuple.of(projectId, request.appendId(), first, request.tasks().size())))
                                        .chain(() -> range(tx, projectId, first, request.tasks().size()));
                            });
                }));
    }

    public Uni<Task> update(long projectId, long ownerId, int number, Update update) {
        if (update == null) {
            throw new IllegalArgumentException("a body with the fields to change is required");
        }
        if (update.status() != null && !Task.STATUSES.contains(update.status())) {
            throw new IllegalArgumentException("status must be one of " + Task.STATUSES);
        }
        if (update.attempts() != null && update.attempts() < 0) {
            throw new IllegalArgumentException("attempts cannot be negative");
        }
        return projects.get(projectId, ownerId).chain(project -> pool.preparedQuery("UPDATE task SET "
                + "status = coalesce($3, status), attempts = coalesce($4, attempts), "
                + "last_failure = coalesce($5, last_failure), result_summary = coalesce($6, result_summary), "
                + "updated_at = now() WHERE project_id = $1 AND number = $2 RETURNING " + COLUMNS)
                .execute(Tuple.tuple(java.util.Arrays.asList(projectId, number, update.status(), update.attempts(),
                        update.lastFailure(), update.resultSummary())))).map(rows -> {
                            if (rows.size() == 0) {
                                throw new ai.devbot.projectstore.project.NotFoundException("no task " + number);
                            }
                            return task(rows.iterator().next());
                        });
    }

    private Uni<List<Task>> range(io.vertx.mutiny.sqlclient.SqlConnection tx, long projectId, int first, int count) {
        return tx.preparedQuery("SELECT " + COLUMNS + " FROM task WHERE project_id = $1 AND number BETWEEN $2 AND $3 ORDER BY number")
                .execute(Tuple.of(projectId, first, first + count - 1)).map(TaskService::tasks);
    }

    private static void validate(Append request) {
        if (request == null || request.appendId() == null || request.appendId().isBlank() || request.appendId().length() > 200) {
            throw new IllegalArgumentException("appendId is required (at most 200 characters): it makes a retried append harmless");
        }
        if (request.tasks() == null || request.tasks().isEmpty() || request.tasks().size() > 100) {
            throw new IllegalArgumentException("tasks must hold 1 to 100 tasks");
        }
        for (NewTask task : request.tasks()) {
            if (task == null || task.title() == null || task.title().isBlank() || task.title().length() > 500) {
                throw new IllegalArgumentException("every task needs a title (at most 500 characters)");
            }
        }
    }

    private static List<Task> tasks(RowSet<Row> rows) {
        List<Task> tasks = new ArrayList<>();
        rows.forEach(row -> tasks.add(task(row)));
        return tasks;
    }

    private static Task task(Row row) {
        List<String> criteria = new ArrayList<>();
        row.getJsonArray("acceptance_criteria").forEach(item -> criteria.add(String.valueOf(item)));
        return new Task(row.getInteger("number"), row.getString("title"), row.getString("description"), criteria,
                row.getString("status"), row.getInteger("attempts"), row.getString("last_failure"),
                row.getString("result_summary"));
    }
}
