package ai.devbot.projectstore.index;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ai.devbot.testsupport.PlatformCredentials;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class CodeIndexTest {

    long owner;
    long project;

    static RequestSpecification service() {
        return given().auth().preemptive().basic("service", PlatformCredentials.servicePassword()).contentType(ContentType.JSON);
    }

    @BeforeEach
    void aSeededProject() {
        owner = 9_000_000_000L + (long) (Math.random() * 1e9);
        project = service().body(Map.of("ownerId", owner, "title", "Habits")).post("/api/v1/projects").then()
                .statusCode(201).extract().jsonPath().getLong("id");
        List<Map<String, Object>> edits = new ArrayList<>();
        SeededProject.files().forEach((path, content) -> edits.add(Map.of("kind", "write", "path", path, "content", content)));
        apply(edits);
    }

    void apply(List<Map<String, Object>> edits) {
        service().queryParam("ownerId", owner).body(Map.of("batchId", "b-" + UUID.randomUUID(), "edits", edits))
                .post("/api/v1/projects/{id}/edits", project).then().statusCode(200);
    }

    JsonPath search(String query) {
        return service().queryParam("ownerId", owner).queryParam("q", query).queryParam("k", 3)
                .get("/api/v1/projects/{id}/search", project).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aNaturalLanguageQueryFindsTheRightFile() {
        assertEquals("habits/storage.py", search("where are habits saved in the database").getString("[0].path"));
        assertEquals("habits/reminders.py", search("email a reminder to the user").getString("[0].path"));
        assertEquals("habits/report.py", search("how is the longest streak computed").getString("[0].path"));
        assertEquals("habits/cli.py", search("command line arguments parsing").getString("[0].path"));
    }

    @Test
    void theIndexFollowsEdits() {
        apply(List.of(Map.<String, Object>of("kind", "delete", "path", "habits/reminders.py")));
        apply(List.of(Map.<String, Object>of("kind", "write", "path", "habits/export.py", "content", """
                import csv


                def export_csv(habits, path):
                    with open(path, "w", newline="") as out:
                        writer = csv.writer(out)
                        writer.writerow(["name", "schedule"])
                        writer.writerows(habits)
                """)));
        JsonPath hits = search("write the habits to a CSV spreadsheet file");
        assertEquals("habits/export.py", hits.getString("[0].path"));
        assertFalse(hits.getList("path").contains("habits/reminders.py"), "deleted files leave the index");
        assertEquals(1, hits.getInt("[0].startLine"));
    }

    @Test
    void theContextFitsItsBudgetWithTheTreeAndTheBestChunks() {
        JsonPath context = service().queryParam("ownerId", owner).body(Map.of("query", "save a habit to sqlite",
                "budgetTokens", 300)).post("/api/v1/projects/{id}/context", project).then().statusCode(200)
                .extract().jsonPath();
        assertTrue(context.getInt("tokens") <= 300, "within budget: " + context.getInt("tokens"));
        assertEquals(5, context.getList("fileTree").size());
        assertEquals("habits/storage.py", context.getString("chunks[0].path"));
        service().queryParam("ownerId", owner + 1).body(Map.of("query", "x")).post("/api/v1/projects/{id}/context", project)
                .then().statusCode(404);
        service().queryParam("ownerId", owner).queryParam("q", " ").get("/api/v1/projects/{id}/search", project).then()
                .statusCode(400);
    }
}
