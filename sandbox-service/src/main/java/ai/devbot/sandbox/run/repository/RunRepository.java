package ai.devbot.sandbox.run.repository;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Runs by id in schema {@code sandbox}. The row is claimed before any command executes and holds the result once
 * finished, so a repeated request reads the stored result and never starts a second execution.
 */
@ApplicationScoped
public class RunRepository {

    public static final String RUNNING = "RUNNING";

    /** A run as stored: its result is null while it runs. */
    public record StoredRun(String runId, long ownerId, long projectId, String requestHash, String status,
            JsonObject result) {
    }

    private final Pool pool;

    RunRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Optional<StoredRun>> find(String runId) {
        return pool.preparedQuery("SELECT run_id, owner_id, project_id, request_hash, status, result FROM sandbox.run "
                + "WHERE run_id = $1").execute(Tuple.of(runId))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(stored(rows.iterator().next())) : Optional.empty());
    }

    /** True when this caller claimed the id (and must execute it); false when another request already had. */
    public Uni<Boolean> claim(String runId, long ownerId, long projectId, String requestHash) {
        return pool.preparedQuery("INSERT INTO sandbox.run (run_id, owner_id, project_id, request_hash, status) "
                + "VALUES ($1, $2, $3, $4, 'RUNNING') ON CONFLICT (run_id) DO NOTHING")
                .execute(Tuple.of(runId, ownerId, projectId, requestHash)).map(rows -> rows.rowCount() == 1);
    }

    /** Stores the result of a claimed run; a run already marked abandoned keeps that verdict. */
    public Uni<Void> finish(String runId, String status, JsonObject result, long sandboxMillis) {
        return pool.preparedQuery("UPDATE sandbox.run SET status = $2, result = $3, sandbox_millis = $4, "
                + "finished_at = now() WHERE run_id = $1 AND status = 'RUNNING'")
                .execute(Tuple.of(runId, status, result, sandboxMillis)).replaceWithVoid();
    }

    /** Gives up the claim of a run that could not start (no free sandbox), so the caller may ask again. */
    public Uni<Void> release(String runId) {
        return pool.preparedQuery("DELETE FROM sandbox.run WHERE run_id = $1 AND status = 'RUNNING'")
                .execute(Tuple.of(runId)).replaceWithVoid();
    }

    /** Runs still RUNNING after {@code age}: their executor died. Each gets {@code result} as its verdict. */
    public Uni<List<String>> abandon(Duration age, JsonObject result) {
        return pool.preparedQuery("UPDATE sandbox.run SET status = 'ERROR', result = $2 || jsonb_build_object('runId', "
                + "run_id, 'ownerId', owner_id, 'projectId', project_id), finished_at = now() WHERE status = 'RUNNING' "
                + "AND created_at < now() - make_interval(secs => $1) RETURNING run_id")
                .execute(Tuple.of((double) age.toSeconds(), result)).map(rows -> {
                    List<String> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getString("run_id")));
                    return ids;
                });
    }

    public Uni<List<StoredRun>> recent(Long ownerId, Long projectId, int limit) {
        return pool.preparedQuery("SELECT run_id, owner_id, project_id, request_hash, status, result FROM sandbox.run "
                + "WHERE ($1::bigint IS NULL OR owner_id = $1) AND ($2::bigint IS NULL OR project_id = $2) "
                + "ORDER BY created_at DESC LIMIT $3").execute(Tuple.of(ownerId, projectId, limit)).map(rows -> {
                    List<StoredRun> runs = new ArrayList<>();
                    rows.forEach(row -> runs.add(stored(row)));
                    return runs;
                });
    }

    private static StoredRun stored(Row row) {
        Object result = row.getValue("result");
        return new StoredRun(row.getString("run_id"), row.getLong("owner_id"), row.getLong("project_id"),
                row.getString("request_hash"), row.getString("status"),
                result instanceof JsonObject json ? json : null);
    }
}
