package ai.devbot.projectstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

@QuarkusTest
class PgvectorProofTest {

    @Inject
    Pool pool;

    @Test
    void flywayOwnsTheProjectStoreSchema() {
        Row row = single("SELECT count(*) AS applied FROM project_store.flyway_schema_history WHERE success");
        assertTrue(row.getLong("applied") >= 1, "at least one applied migration in project_store");
    }

    @Test
    void vectorDistancesAreComputedByPgvector() {
        Row row = single("SELECT extversion, '[1,2,3]'::vector <-> '[1,2,5]'::vector AS distance "
                + "FROM pg_extension WHERE extname = 'vector'");
        assertTrue(row.getString("extversion").startsWith("0."), "pgvector version " + row.getString("extversion"));
        assertEquals(2.0, row.getDouble("distance"), 1e-9);
    }

    private Row single(String sql) {
        return pool.query(sql).execute().await().indefinitely().iterator().next();
    }
}
