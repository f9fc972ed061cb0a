package ai.devbot.projectstore.index;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import ai.devbot.projectstore.index.service.CodeIndex;
import ai.devbot.testsupport.PlatformCredentials;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * A project with more chunks than are embedded before a search (an import): it is searchable by its words at once,
 * and by meaning once the embeddings that follow in the background are in. In-process only: it writes the files
 * straight to the table, as an import does.
 */
@QuarkusTest
class LargeProjectIndexTest {

    private final long owner = 9_500_000_000L + (long) (Math.random() * 1e9);

    static RequestSpecification service() {
        return given().auth().preemptive().basic("service", PlatformCredentials.servicePassword()).contentType(ContentType.JSON);
    }

    @Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    @Test
    void aProjectTooLargeToEmbedAtOnceIsSearchableByItsWordsWhileItsEmbeddingsFollow() {
        long big = service().body(Map.of("ownerId", owner, "title", "Big")).post("/api/v1/projects").then()
                .statusCode(201).extract().jsonPath().getLong("id");
        // Written straight to the table, as an import does, so only the search starts the indexing.
        List<io.vertx.mutiny.sqlclient.Tuple> files = new ArrayList<>();
        for (int i = 0; i < CodeIndex.EMBED_BEFORE_SEARCH + 44; i++) {
            files.add(io.vertx.mutiny.sqlclient.Tuple.of(big, "app/module_" + i + ".py",
                    "def helper_" + i + "(items):\n    return [item for item in items if item]\n", 1));
        }
        files.set(123, io.vertx.mutiny.sqlclient.Tuple.of(big, "app/zanzibar_ferry.py",
                "def book_zanzibar_ferry(passenger):\n    return {'ferry': 'zanzibar', 'passenger': passenger}\n", 1));
        pool.preparedQuery("INSERT INTO project_file (project_id, path, content, version) VALUES ($1, $2, $3, $4)")
                .executeBatch(files).await().indefinitely();

        JsonPath hits = service().queryParam("ownerId", owner).queryParam("q", "book a zanzibar ferry")
                .queryParam("k", 3).get("/api/v1/projects/{id}/search", big).then().statusCode(200).extract().jsonPath();

        assertEquals("app/zanzibar_ferry.py", hits.getString("[0].path"), "found by its words before any embedding");
        long pending = pool.preparedQuery("SELECT count(*) AS n FROM code_chunk WHERE project_id = $1 AND embedding IS NULL")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(big)).await().indefinitely().iterator().next().getLong("n");
        assertTrue(pending > 0, "the search did not wait for the embeddings");

        service().queryParam("ownerId", owner).post("/api/v1/projects/{id}/index/refresh", big).then().statusCode(200);
        assertEquals(0L, pool.preparedQuery("SELECT count(*) AS n FROM code_chunk WHERE project_id = $1 AND embedding IS NULL")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(big)).await().indefinitely().iterator().next().getLong("n"),
                "a refresh embeds them all");
        assertEquals("app/zanzibar_ferry.py", service().queryParam("ownerId", owner).queryParam("q", "book a zanzibar ferry")
                .queryParam("k", 3).get("/api/v1/projects/{id}/search", big).then().statusCode(200).extract().jsonPath()
                .getString("[0].path"), "and by meaning once embedded");
    }

}
