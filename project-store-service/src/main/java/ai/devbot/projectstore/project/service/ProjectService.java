package ai.devbot.projectstore.project.service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.devbot.projectstore.edit.Edit;
import ai.devbot.projectstore.edit.EditBatch;
import ai.devbot.projectstore.edit.EditRejectedException;
import ai.devbot.projectstore.edit.ProjectPaths;
import ai.devbot.projectstore.project.NotFoundException;
import ai.devbot.projectstore.project.Project;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Projects and their files, always scoped to the owner. An edit batch is applied in one
 * transaction under the project's row lock: the files are read, the batch is applied in memory
 * (all or nothing), and the changed files, their new versions and the batch's outcome (its
 * idempotency record) are written together.
 */
@ApplicationScoped
public class ProjectService {

    /** {@code creationKey} (optional) makes creation idempotent per owner. */
    public record NewProject(Long ownerId, String title, String idea, String summary, List<String> techStack,
            String architecture, Project.Checks checks, String creationKey) {
    }

    public record Created(Project project, boolean created) {
    }

    /** {@code binary}: an imported binary file (an image, a font…), exported but never indexed or edited. */
    public record FileInfo(String path, long bytes, int version, boolean binary) {
    }

    /** Fields to change; absent ones stay. */
    public record ProjectUpdate(String title, String idea, String summary, List<String> techStack, String architecture,
            Project.Checks checks, String status) {
    }

    public static final List<String> STATUSES = List.of("planned", "in_progress", "done", "failed", "archived");

    public record BatchRequest(String batchId, Integer taskNumber, Integer attempt, String author, List<Edit> edits) {
    }

    @RegisterForReflection(registerFullHierarchy = true)
    public record BatchOutcome(String batchId, List<String> created, List<String> changed, List<String> deleted) {
    }

    private static final String COLUMNS = "id, owner_id, title, idea, summary, tech_stack, architecture, setup_command, "
            + "check_command, status, created_at, updated_at";

    private final Pool pool;
    private final ObjectMapper json;

    public ProjectService(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    public Uni<Created> create(NewProject request) {
        return create(pool, request);
    }

    /** Creates the project through {@code client}: the pool, or a transaction that also writes its first files. */
    public Uni<Created> create(SqlClient client, NewProject request) {
        if (request == null || request.ownerId() == null || request.ownerId() <= 0) {
            throw new IllegalArgumentException("ownerId must be a positive Telegram user id");
        }
        if (request.title() == null || request.title().isBlank() || request.title().length() > 200) {
            throw new IllegalArgumentException("title is required (at most 200 characters)");
        }
        if (request.creationKey() != null && (request.creationKey().isBlank() || request.creationKey().length() > 200)) {
            throw new IllegalArgumentException("creationKey must be 1-200 characters when given");
        }
        Project.Checks checks = request.checks() == null ? null : request.checks().validated();
        return client.preparedQuery("INSERT INTO project (owner_id, title, idea, summary, tech_stack, architecture, "
                + "creation_key, setup_command, check_command) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
                + "ON CONFLICT (owner_id, creation_key) WHERE creation_key IS NOT NULL DO NOTHING RETURNING " + COLUMNS)
                .execute(Tuple.tuple(java.util.Arrays.asList(request.ownerId(), request.title().strip(),
                        orEmpty(request.idea()), orEmpty(request.summary()),
                        new JsonArray(request.techStack() == null ? List.of() : List.copyOf(request.techStack())),
                        orEmpty(request.architecture()), request.creationKey(),
                        checks == null ? null : checks.setup(), checks == null ? null : checks.check())))
                .chain(rows -> rows.size() == 1 ? Uni.createFrom().item(new Created(project(rows.iterator().next()), true))
                        : byCreationKey(client, request.ownerId(), request.creationKey())
                                .map(existing -> new Created(existing, false)));
    }

    /** The project of this owner that a creation with this key made; null when there is none. */
    public Uni<Project> byCreationKey(SqlClient client, long ownerId, String creationKey) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM project WHERE owner_id = $1 AND creation_key = $2")
                .execute(Tuple.of(ownerId, creationKey))
                .map(rows -> rows.size() == 0 ? null : project(rows.iterator().next()));
    }

    public Uni<Project> update(long projectId, long ownerId, ProjectUpdate update) {
        if (update == null) {
            throw new IllegalArgumentException("a body with the fields to change is required");
        }
        if (update.title() != null && (update.title().isBlank() || update.title().length() > 200)) {
            throw new IllegalArgumentException("title cannot be blank or over 200 characters");
        }
        if (update.status() != null && !STATUSES.contains(update.status())) {
            throw new IllegalArgumentException("status must be one of " + STATUSES);
        }
        JsonArray stack = update.techStack() == null ? null : new JsonArray(List.copyOf(update.techStack()));
        Project.Checks checks = update.checks() == null ? null : update.checks().validated();
        return pool.preparedQuery("UPDATE project SET title = coalesce($3, title), idea = coalesce($4, idea), "
                + "summary = coalesce($5, summary), tech_stack = coalesce($6, tech_stack), "
                + "architecture = coalesce($7, architecture), status = coalesce($8, status), "
                + "setup_command = coalesce($9, setup_command), check_command = coalesce($10, check_command), "
                + "updated_at = now() WHERE id = $1 AND owner_id = $2 RETURNING " + COLUMNS)
                .execute(Tuple.tuple(java.util.Arrays.asList(projectId, ownerId,
                        update.title() == null ? null : update.title().strip(), update.idea(), update.summary(), stack,
                        update.architecture(), update.status(), checks == null ? null : checks.setup(),
                        checks == null ? null : checks.check())))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw notFound(projectId);
                    }
                    return project(rows.iterator().next());
                });
    }

    /** Deletes the project with its files, history, tasks and index. */
    public Uni<Void> delete(long projectId, long ownerId) {
        return pool.preparedQuery("DELETE FROM project WHERE id = $1 AND owner_id = $2")
                .execute(Tuple.of(projectId, ownerId)).map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw notFound(projectId);
                    }
                    return null;
                });
    }

    public Uni<List<Project>> list(long ownerId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM project WHERE owner_id = $1 ORDER BY id")
                .execute(Tuple.of(ownerId)).map(rows -> {
                    List<Project> projects = new ArrayList<>();
                    rows.forEach(row -> projects.add(project(row)));
                    return projects;
                });
    }

    public Uni<Project> get(long projectId, long ownerId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM project WHERE id = $1 AND owner_id = $2")
                .execute(Tuple.of(projectId, ownerId)).map(rows -> {
                    if (rows.size() == 0) {
                        throw notFound(projectId);
                    }
                    return project(rows.iterator().next());
                });
    }

    public Uni<List<FileInfo>> files(long projectId, long ownerId) {
        return get(projectId, ownerId).chain(project -> pool.preparedQuery(
                "SELECT path, octet_length(content) AS bytes, version, false AS binary FROM project_file WHERE project_id = $1 "
                        + "UNION ALL SELECT path, octet_length(content), 1, true FROM project_binary WHERE project_id = $1 "
                        + "ORDER BY path")
                .execute(Tuple.of(projectId))).map(rows -> {
                    List<FileInfo> files = new ArrayList<>();
                    rows.forEach(row -> files.add(new FileInfo(row.getString("path"), row.getLong("bytes"),
                            row.getInteger("version"), row.getBoolean("binary"))));
                    return files;
                });
    }

    public Uni<String> content(long projectId, long ownerId, String path) {
        return get(projectId, ownerId).chain(project -> pool.preparedQuery(
                "SELECT content FROM project_file WHERE project_id = $1 AND path = $2")
                .execute(Tuple.of(projectId, path))).map(rows -> {
                    if (rows.size() == 0) {
                        throw new NotFoundException("no text file " + path + " in project " + projectId
                                + " (binary files come only in the archive)");
                    }
                    return rows.iterator().next().getString("content");
                });
    }

    /** A project with every file's current content, in path order (for the archive). */
    public record Snapshot(Project project, SortedMap<String, String> files, SortedMap<String, byte[]> binaries) {
    }

    public Uni<Snapshot> snapshot(long projectId, long ownerId) {
        return get(projectId, ownerId).chain(project -> pool.preparedQuery(
                "SELECT path, content FROM project_file WHERE project_id = $1").execute(Tuple.of(projectId))
                .chain(rows -> {
                    SortedMap<String, String> files = new TreeMap<>();
                    rows.forEach(row -> files.put(row.getString("path"), row.getString("content")));
                    return pool.preparedQuery("SELECT path, content FROM project_binary WHERE project_id = $1")
                            .execute(Tuple.of(projectId)).map(binaryRows -> {
                                SortedMap<String, byte[]> binaries = new TreeMap<>();
                                binaryRows.forEach(row -> binaries.put(row.getString("path"),
                                        row.getBuffer("content").getBytes()));
                                return new Snapshot(project, files, binaries);
                            });
                }));
    }

    /**
     * Applies a batch once per {@code batchId}: a repeated batch answers its first outcome.
     * @throws ai.devbot.projectstore.edit.EditRejectedException when any edit cannot apply
     */
    public Uni<BatchOutcome> applyEdits(long projectId, long ownerId, BatchRequest request, EditBatch.Limits limits) {
        if (request == null || request.batchId() == null || request.batchId().isBlank() || request.batchId().length() > 200) {
            throw new IllegalArgumentException("batchId is required (at most 200 characters): it makes a retried batch harmless");
        }
        return pool.withTransaction(tx -> lockOwned(tx, projectId, ownerId)
                .chain(() -> tx.preparedQuery("SELECT outcome FROM edit_batch WHERE project_id = $1 AND batch_id = $2")
                        .execute(Tuple.of(projectId, request.batchId())))
                .chain(done -> done.size() > 0 ? Uni.createFrom().item(outcome(done.iterator().next()))
                        : applyNew(tx, projectId, request, limits)));
    }

    private Uni<BatchOutcome> applyNew(SqlConnection tx, long projectId, BatchRequest request, EditBatch.Limits limits) {
        return tx.preparedQuery("SELECT path FROM project_binary WHERE project_id = $1").execute(Tuple.of(projectId))
                .invoke(binaries -> refuseBinaryEdits(binaries, request.edits()))
                // A file deleted earlier has no current row but a history: its next version follows that history.
                .chain(() -> tx.preparedQuery("SELECT h.path, f.content, h.version FROM (SELECT path, max(version) AS "
                        + "version FROM file_version WHERE project_id = $1 GROUP BY path) h LEFT JOIN project_file f "
                        + "ON f.project_id = $1 AND f.path = h.path UNION ALL SELECT f.path, f.content, f.version FROM "
                        + "project_file f WHERE f.project_id = $1 AND NOT EXISTS (SELECT 1 FROM file_version v WHERE "
                        + "v.project_id = $1 AND v.path = f.path)")
                .execute(Tuple.of(projectId))).chain(rows -> {
                    Map<String, String> files = new LinkedHashMap<>();
                    Map<String, Integer> versions = new LinkedHashMap<>();
                    rows.forEach(row -> {
                        if (row.getString("content") != null) {
                            files.put(row.getString("path"), row.getString("content"));
                        }
                        versions.put(row.getString("path"), row.getInteger("version"));
                    });
                    EditBatch.Outcome applied = EditBatch.apply(files, request.edits(), limits);
                    var outcome = new BatchOutcome(request.batchId(), applied.created(), applied.changed(), applied.deleted());
                    String author = request.author() == null || request.author().isBlank() ? "implementer" : request.author();
                    List<Tuple> upserts = new ArrayList<>();
                    List<Tuple> history = new ArrayList<>();
                    for (String path : concat(applied.created(), applied.changed())) {
                        int version = versions.getOrDefault(path, 0) + 1;
                        upserts.add(Tuple.of(projectId, path, applied.files().get(path), version));
                        history.add(Tuple.tuple(List.of(projectId, path, version, applied.files().get(path),
                                request.batchId(), author)).addValue(request.taskNumber()).addValue(request.attempt()));
                    }
                    List<Tuple> deletions = new ArrayList<>();
                    for (String path : applied.deleted()) {
                        deletions.add(Tuple.of(projectId, path));
                        history.add(Tuple.tuple(new ArrayList<>(List.of(projectId, path, versions.get(path) + 1)))
                                .addValue(null).addValue(request.batchId()).addValue(author)
                                .addValue(request.taskNumber()).addValue(request.attempt()));
                    }
                    Uni<?> writes = Uni.createFrom().voidItem();
                    if (!upserts.isEmpty()) {
                        writes = writes.chain(() -> tx.preparedQuery("INSERT INTO project_file (project_id, path, content, version) "
                                + "VALUES ($1, $2, $3, $4) ON CONFLICT (project_id, path) DO UPDATE "
                                + "SET content = EXCLUDED.content, version = EXCLUDED.version, updated_at = now()")
                                .executeBatch(upserts));
                    }
                    if (!deletions.isEmpty()) {
                        writes = writes.chain(() -> tx.preparedQuery("DELETE FROM project_file WHERE project_id = $1 AND path = $2")
                                .executeBatch(deletions));
                    }
                    if (!history.isEmpty()) {
                        writes = writes.chain(() -> tx.preparedQuery("INSERT INTO file_version (project_id, path, version, "
                                + "content, batch_id, author, task_number, attempt) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
                                .executeBatch(history));
                    }
                    return writes
                            .chain(() -> tx.preparedQuery("INSERT INTO edit_batch (project_id, batch_id, outcome) VALUES ($1, $2, $3)")
                                    .execute(Tuple.of(projectId, request.batchId(), toJson(outcome))))
                            .chain(() -> tx.preparedQuery("UPDATE project SET updated_at = now() WHERE id = $1")
                                    .execute(Tuple.of(projectId)))
                            .replaceWith(outcome);
                });
    }

    /** Binary files came with an import and stay as they were: an edit of one is a problem the model is told. */
    private static void refuseBinaryEdits(RowSet<Row> binaries, List<Edit> edits) {
        if (edits == null || binaries.size() == 0) {
            return;
        }
        Set<String> paths = new HashSet<>();
        binaries.forEach(row -> paths.add(row.getString("path")));
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < edits.size(); i++) {
            Edit edit = edits.get(i);
            String path;
            try {
                path = edit == null ? null : ProjectPaths.normalize(edit.path());
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (path != null && paths.contains(path)) {
                problems.add("Edit " + (i + 1) + " of " + edits.size() + " (" + path + "): it is a binary file that came "
                        + "with the import; binary files cannot be edited");
            }
        }
        if (!problems.isEmpty()) {
            throw new EditRejectedException(problems);
        }
    }

    /** Locks the owner's project row for the transaction; 404 when it is not theirs. */
    public Uni<Void> lockOwned(SqlConnection tx, long projectId, long ownerId) {
        return tx.preparedQuery("SELECT id FROM project WHERE id = $1 AND owner_id = $2 FOR UPDATE")
                .execute(Tuple.of(projectId, ownerId)).map(rows -> {
                    if (rows.size() == 0) {
                        throw notFound(projectId);
                    }
                    return null;
                });
    }

    private BatchOutcome outcome(Row row) {
        try {
            return json.readValue(row.getJsonObject("outcome").encode(), BatchOutcome.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonObject toJson(BatchOutcome outcome) {
        try {
            return new JsonObject(json.writeValueAsString(outcome));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Project project(Row row) {
        JsonArray stack = row.getJsonArray("tech_stack");
        List<String> techStack = new ArrayList<>();
        stack.forEach(item -> techStack.add(String.valueOf(item)));
        return new Project(row.getLong("id"), row.getLong("owner_id"), row.getString("title"), row.getString("idea"),
                row.getString("summary"), techStack, row.getString("architecture"),
                row.getString("check_command") == null ? null
                        : new Project.Checks(row.getString("setup_command"), row.getString("check_command")),
                row.getString("status"),
                row.getOffsetDateTime("created_at").toInstant(), row.getOffsetDateTime("updated_at").toInstant());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static NotFoundException notFound(long projectId) {
        return new NotFoundException("no project " + projectId);
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

}
