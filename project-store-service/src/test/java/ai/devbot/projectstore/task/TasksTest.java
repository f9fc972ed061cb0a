package ai.devbot.projectstore.task;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
class TasksTest {

    long owner;
    long project;

    static RequestSpecification service() {
        return given().auth().preemptive().basic("service", PlatformCredentials.servicePassword()).contentType(ContentType.JSON);
    }

    @BeforeEach
    void aProject() {
        owner = 8_000_000_000L + (long) (Math.random() * 1e9);
        project = service().body(Map.of("ownerId", owner, "title", "Habits")).post("/api/v1/projects").then()
                .statusCode(201).extract().jsonPath().getLong("id");
    }

    JsonPath append(String appendId, String... titles) {
        var tasks = java.util.Arrays.stream(titles).map(title -> Map.of("title", title, "description", "Do " + title,
                "acceptanceCriteria", List.of(title + " works"))).toList();
        return service().queryParam("ownerId", owner).body(Map.of("appendId", appendId, "tasks", tasks))
                .post("/api/v1/projects/{id}/tasks", project).then().statusCode(200).extract().jsonPath();
    }

    void edit(int task, Map<String, Object> edit) {
        service().queryParam("ownerId", owner).body(Map.of("batchId", "b-" + UUID.randomUUID(), "taskNumber", task,
                "attempt", 1, "edits", List.of(edit))).post("/api/v1/projects/{id}/edits", project).then().statusCode(200);
    }

    static Map<String, Object> replace(String path, String search, String replace) {
        return Map.of("kind", "replace", "path", path, "search", search, "replace", replace);
    }

    @Test
    void appendingKeepsOrderNumbersStayStableAndARetriedAppendAddsNothing() {
        append("plan", "Skeleton", "Storage", "CLI");
        JsonPath change = append("change-1", "CSV export");
        assertEquals(List.of(4), change.getList("number"));
        assertEquals(List.of(4), append("change-1", "CSV export").getList("number"), "the retry answers the same task");
        JsonPath all = service().queryParam("ownerId", owner).get("/api/v1/projects/{id}/tasks", project).then()
                .statusCode(200).extract().jsonPath();
        assertEquals(List.of(1, 2, 3, 4), all.getList("number"));
        assertEquals(List.of("Skeleton", "Storage", "CLI", "CSV export"), all.getList("title"));
        assertEquals(List.of("Storage works"), all.getList("[1].acceptanceCriteria"));
        assertEquals("todo", all.getString("[0].status"));
    }

    @Test
    void aTaskIsUpdatedAndBadUpdatesAreRefused() {
        append("plan", "Skeleton");
        JsonPath task = service().queryParam("ownerId", owner).body(Map.of("status", "failed", "attempts", 3,
                "lastFailure", "edit 2 did not apply")).patch("/api/v1/projects/{id}/tasks/1", project).then()
                .statusCode(200).extract().jsonPath();
        assertEquals("failed", task.getString("status"));
        assertEquals(3, task.getInt("attempts"));
        assertEquals("edit 2 did not apply", task.getString("lastFailure"));
        service().queryParam("ownerId", owner).body(Map.of("status", "finished")).patch("/api/v1/projects/{id}/tasks/1", project)
                .then().statusCode(400).body("error", containsString("status must be one of"));
        service().queryParam("ownerId", owner).body(Map.of("status", "done")).patch("/api/v1/projects/{id}/tasks/9", project)
                .then().statusCode(404);
        service().queryParam("ownerId", owner + 1).body(Map.of("status", "done")).patch("/api/v1/projects/{id}/tasks/1", project)
                .then().statusCode(404);
        service().queryParam("ownerId", owner).body(Map.of("appendId", "x", "tasks", List.of(Map.of("title", " "))))
                .post("/api/v1/projects/{id}/tasks", project).then().statusCode(400);
        service().queryParam("ownerId", owner + 1).get("/api/v1/projects/{id}/tasks", project).then().statusCode(404);
    }

    @Test
    void aTasksChangeIsShownAsADiffAndRolledBack() {
        append("plan", "Skeleton", "Greeting");
        edit(1, replace("app.py", "", "def main():\n    print('hi')\n"));
        edit(2, replace("app.py", "print('hi')", "print('hello')"));
        edit(2, replace("greet.py", "", "NAME = 'world'\n"));
        JsonPath diff = service().queryParam("ownerId", owner).get("/api/v1/projects/{id}/tasks/2/diff", project).then()
                .statusCode(200).extract().jsonPath();
        assertEquals(List.of("app.py", "greet.py"), diff.getList("files.path"));
        assertEquals(List.of("changed", "created"), diff.getList("files.change"));
        String appDiff = diff.getString("files[0].diff");
        assertTrue(appDiff.contains("-    print('hi')") && appDiff.contains("+    print('hello')"), appDiff);
        assertTrue(diff.getString("files[1].diff").startsWith("--- /dev/null"), diff.getString("files[1].diff"));

        // Rolling back task 1 would undo what task 2 built on: refused, naming the task that did.
        service().queryParam("ownerId", owner).post("/api/v1/projects/{id}/tasks/1/rollback", project).then()
                .statusCode(409).body("error", equalTo("later changes touched its files: app.py (task 2); undo those first"));
        JsonPath undone = service().queryParam("ownerId", owner).post("/api/v1/projects/{id}/tasks/2/rollback", project)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("app.py"), undone.getList("changed"));
        assertEquals(List.of("greet.py"), undone.getList("deleted"));
        assertEquals("def main():\n    print('hi')\n", content("app.py"));

        // Twice is a clear refusal that changes nothing.
        service().queryParam("ownerId", owner).post("/api/v1/projects/{id}/tasks/2/rollback", project).then()
                .statusCode(409).body("error", equalTo("task 2 is already undone; its files are as they were before it"));
        assertEquals("def main():\n    print('hi')\n", content("app.py"));
        // With task 2 undone nothing newer sits on task 1's files: it can be undone now (an undo stack).
        JsonPath first = service().queryParam("ownerId", owner).post("/api/v1/projects/{id}/tasks/1/rollback", project)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("app.py"), first.getList("deleted"));
    }

    @Test
    void aTasksChangeIsOnePatchFile() {
        append("plan", "Skeleton", "Greeting");
        edit(1, replace("app.py", "", "def main():\n    print('hi')\n"));
        edit(1, replace("greet.py", "", "NAME = 'world'\n"));

        String patch = service().queryParam("ownerId", owner).get("/api/v1/projects/{id}/tasks/1/patch", project).then()
                .statusCode(200).contentType(containsString("text/x-patch")).extract().asString();

        assertTrue(patch.startsWith("--- /dev/null\n+++ b/app.py\n"), patch);
        assertTrue(patch.contains("--- /dev/null\n+++ b/greet.py\n") && patch.endsWith("+NAME = 'world'\n"), patch);
        service().queryParam("ownerId", owner).get("/api/v1/projects/{id}/tasks/2/patch", project).then().statusCode(404);
        service().queryParam("ownerId", owner + 1).get("/api/v1/projects/{id}/tasks/1/patch", project).then().statusCode(404);
    }

    private String content(String path) {
        return service().queryParam("ownerId", owner).queryParam("path", path)
                .get("/api/v1/projects/{id}/files/content", project).then().statusCode(200).extract().asString();
    }
}
