package ai.devbot.projectstore.project;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ai.devbot.testsupport.PlatformCredentials;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class ProjectsTest {

    long owner;
    long stranger;
    long project;

    static RequestSpecification service() {
        return given().auth().preemptive().basic("service", PlatformCredentials.servicePassword()).contentType(ContentType.JSON);
    }

    static Map<String, Object> replace(String path, String search, String replace) {
        return Map.of("kind", "replace", "path", path, "search", search, "replace", replace);
    }

    Map<String, Object> batch(Object... edits) {
        return Map.of("batchId", "b-" + UUID.randomUUID(), "taskNumber", 1, "attempt", 1, "edits", List.of(edits));
    }

    @BeforeEach
    void aProjectOfItsOwn() {
        owner = 7_000_000_000L + (long) (Math.random() * 1e9);
        stranger = owner + 1;
        project = service().body(Map.of("ownerId", owner, "title", "Word Counter", "idea", "Count words",
                "techStack", List.of("Python 3.12"))).post("/api/v1/projects").then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    @Test
    void aProjectIsCreatedListedAndReadByItsOwner() {
        var read = service().queryParam("ownerId", owner).get("/api/v1/projects/{id}", project).then().statusCode(200)
                .extract().jsonPath();
        assertEquals("Word Counter", read.getString("title"));
        assertEquals(List.of("Python 3.12"), read.getList("techStack"));
        assertEquals(List.of(project), service().queryParam("ownerId", owner).get("/api/v1/projects").then()
                .statusCode(200).extract().jsonPath().getList("id", Long.class));
    }

    @Test
    void aProjectKeepsTheChecksItsPlanDeclaredAndTakesNewOnes() {
        long id = service().body(Map.of("ownerId", owner, "title", "Checked", "checks",
                Map.of("setup", "", "check", "python3 -m pytest -q"))).post("/api/v1/projects").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        service().queryParam("ownerId", owner).get("/api/v1/projects/{id}", id).then().statusCode(200)
                .body("checks.check", org.hamcrest.Matchers.equalTo("python3 -m pytest -q"))
                .body("checks.setup", org.hamcrest.Matchers.equalTo(""));
        service().queryParam("ownerId", owner).body(Map.of("summary", "changed")).patch("/api/v1/projects/{id}", id)
                .then().statusCode(200).body("checks.check", org.hamcrest.Matchers.equalTo("python3 -m pytest -q"));
        service().queryParam("ownerId", owner).body(Map.of("checks", Map.of("check", "node --test")))
                .patch("/api/v1/projects/{id}", id).then().statusCode(200)
                .body("checks.check", org.hamcrest.Matchers.equalTo("node --test"));
        service().queryParam("ownerId", owner).body(Map.of("checks", Map.of("check", " ")))
                .patch("/api/v1/projects/{id}", id).then().statusCode(400);
        service().body(Map.of("ownerId", owner, "title", "Too long", "checks", Map.of("check", "x".repeat(1001))))
                .post("/api/v1/projects").then().statusCode(400);
        service().queryParam("ownerId", owner).get("/api/v1/projects/{id}", project).then().statusCode(200)
                .body("checks", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void aRepeatedCreationWithTheSameKeyAnswersTheFirstProject() {
        Map<String, Object> request = Map.of("ownerId", owner, "title", "Habit tracker", "creationKey", "job-42");
        long first = service().body(request).post("/api/v1/projects").then().statusCode(201).extract().jsonPath()
                .getLong("id");
        long again = service().body(request).post("/api/v1/projects").then().statusCode(200).extract().jsonPath()
                .getLong("id");
        assertEquals(first, again);
        // The key is the owner's own: another owner using it gets a project of their own.
        long strangers = service().body(Map.of("ownerId", stranger, "title", "Habit tracker", "creationKey", "job-42"))
                .post("/api/v1/projects").then().statusCode(201).extract().jsonPath().getLong("id");
        org.junit.jupiter.api.Assertions.assertNotEquals(first, strangers);
        assertEquals(2, service().queryParam("ownerId", owner).get("/api/v1/projects").then().statusCode(200)
                .extract().jsonPath().getList("id").size());
    }

    @Test
    void aProjectIsUpdatedAndDeletedByItsOwnerOnly() {
        var updated = service().queryParam("ownerId", owner).body(Map.of("summary", "Counts words in files",
                "architecture", "# Word counter", "techStack", List.of("Python 3.12", "pytest"), "status", "in_progress"))
                .patch("/api/v1/projects/{id}", project).then().statusCode(200).extract().jsonPath();
        assertEquals("Word Counter", updated.getString("title"), "absent fields stay");
        assertEquals(List.of("Python 3.12", "pytest"), updated.getList("techStack"));
        assertEquals("in_progress", updated.getString("status"));
        service().queryParam("ownerId", owner).body(Map.of("status", "lost")).patch("/api/v1/projects/{id}", project)
                .then().statusCode(400);
        service().queryParam("ownerId", stranger).body(Map.of("title", "Mine now")).patch("/api/v1/projects/{id}", project)
                .then().statusCode(404);
        service().queryParam("ownerId", stranger).delete("/api/v1/projects/{id}", project).then().statusCode(404);
        service().queryParam("ownerId", owner).delete("/api/v1/projects/{id}", project).then().statusCode(204);
        service().queryParam("ownerId", owner).get("/api/v1/projects/{id}", project).then().statusCode(404);
    }

    @Test
    void aSingleFileIsWrittenAndDeletedOncePerBatchId() {
        given().auth().preemptive().basic("service", PlatformCredentials.servicePassword()).contentType(ContentType.TEXT)
                .queryParam("ownerId", owner).queryParam("path", "notes.md").queryParam("batchId", "put-1")
                .body("# Notes\n").put("/api/v1/projects/{id}/files/content", project).then().statusCode(200);
        assertEquals("# Notes\n", content("notes.md"));
        service().queryParam("ownerId", owner).queryParam("path", "notes.md").queryParam("batchId", "del-1")
                .delete("/api/v1/projects/{id}/files/content", project).then().statusCode(200);
        service().queryParam("ownerId", owner).queryParam("path", "notes.md").get("/api/v1/projects/{id}/files/content", project)
                .then().statusCode(404);
        given().auth().preemptive().basic("service", PlatformCredentials.servicePassword()).contentType(ContentType.TEXT)
                .queryParam("ownerId", owner).queryParam("path", "../escape.md").queryParam("batchId", "put-2")
                .body("x").put("/api/v1/projects/{id}/files/content", project).then().statusCode(422);
    }

    @Test
    void anotherOwnerGets404OnEveryEndpointAndChangesNothing() {
        service().queryParam("ownerId", owner).body(batch(replace("a.py", "", "x = 1\n"))).post("/api/v1/projects/{id}/edits", project)
                .then().statusCode(200);
        for (String path : List.of("/api/v1/projects/{id}", "/api/v1/projects/{id}/files", "/api/v1/projects/{id}/archive")) {
            service().queryParam("ownerId", stranger).get(path, project).then().statusCode(404);
        }
        service().queryParam("ownerId", stranger).queryParam("path", "a.py").get("/api/v1/projects/{id}/files/content", project)
                .then().statusCode(404);
        service().queryParam("ownerId", stranger).body(batch(replace("a.py", "x = 1", "x = 666")))
                .post("/api/v1/projects/{id}/edits", project).then().statusCode(404);
        assertEquals(List.of(), service().queryParam("ownerId", stranger).get("/api/v1/projects").then().extract().jsonPath().getList("$"));
        assertEquals("x = 1\n", service().queryParam("ownerId", owner).queryParam("path", "a.py")
                .get("/api/v1/projects/{id}/files/content", project).then().statusCode(200).extract().asString());
        service().queryParam("ownerId", owner).get("/api/v1/projects/{id}", 999_999_999L).then().statusCode(404);
        service().get("/api/v1/projects").then().statusCode(400);
    }

    @Test
    void editsApplyAtomicallyAndAFailingThirdBlockLeavesTheFirstTwoUnapplied() {
        service().queryParam("ownerId", owner).body(batch(replace("wc/main.py", "", "def main():\n    return 0\n"),
                replace("wc/util.py", "", "X = 1\n"))).post("/api/v1/projects/{id}/edits", project).then().statusCode(200);
        var problems = service().queryParam("ownerId", owner).body(batch(
                replace("wc/main.py", "return 0", "return 1"),
                replace("wc/util.py", "X = 1", "X = 2"),
                replace("wc/main.py", "return 42", "return 2"))).post("/api/v1/projects/{id}/edits", project)
                .then().statusCode(422).body("error", containsString("nothing changed")).extract().jsonPath()
                .getList("problems", String.class);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("Edit 3 of 3 (wc/main.py): the SEARCH text is not in the file"), problems.get(0));
        assertEquals("def main():\n    return 0\n", content("wc/main.py"));
        assertEquals("X = 1\n", content("wc/util.py"));
    }

    @Test
    void aRetriedBatchIsAppliedOnceAndAnswersItsFirstOutcome() {
        var once = batch(replace("a.py", "", "n = 1\n"));
        var first = service().queryParam("ownerId", owner).body(once).post("/api/v1/projects/{id}/edits", project)
                .then().statusCode(200).extract().jsonPath();
        var again = service().queryParam("ownerId", owner).body(once).post("/api/v1/projects/{id}/edits", project)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("a.py"), first.getList("created"));
        assertEquals(first.getList("created"), again.getList("created"));
        assertEquals(1, service().queryParam("ownerId", owner).get("/api/v1/projects/{id}/files", project).then()
                .extract().jsonPath().getInt("[0].version"));
    }

    @Test
    void versionsCountUpAndDeletedFilesLeaveTheTree() {
        apply(replace("a.py", "", "v = 1\n"), replace("b.py", "", "gone\n"));
        apply(replace("a.py", "v = 1", "v = 2"), Map.of("kind", "delete", "path", "b.py"));
        var files = service().queryParam("ownerId", owner).get("/api/v1/projects/{id}/files", project).then()
                .statusCode(200).extract().jsonPath();
        assertEquals(List.of("a.py"), files.getList("path"));
        assertEquals(2, files.getInt("[0].version"));
        assertEquals(6L, files.getLong("[0].bytes"));
    }

    @Test
    void aDeletedFileWrittenAgainContinuesItsHistory() {
        apply(replace("b.py", "", "one\n"));
        apply(Map.of("kind", "delete", "path", "b.py"));
        apply(replace("b.py", "", "two\n"));

        var files = service().queryParam("ownerId", owner).get("/api/v1/projects/{id}/files", project).then()
                .statusCode(200).extract().jsonPath();
        assertEquals(List.of("b.py"), files.getList("path"));
        assertEquals(3, files.getInt("[0].version"), "created, deleted, created again");
    }

    @Test
    void hostilePathsAndBadBatchesAreRefusedWithReasons() {
        var problems = service().queryParam("ownerId", owner).body(batch(replace("../../etc/passwd", "", "x"),
                replace(".git/config", "", "x"), replace("C:/x.py", "", "x"))).post("/api/v1/projects/{id}/edits", project)
                .then().statusCode(422).extract().jsonPath().getList("problems", String.class);
        assertEquals(3, problems.size());
        service().queryParam("ownerId", owner).body(Map.of("edits", List.of(replace("a.py", "", "x"))))
                .post("/api/v1/projects/{id}/edits", project).then().statusCode(400).body("error", containsString("batchId"));
        service().queryParam("ownerId", owner).body("{not json").post("/api/v1/projects/{id}/edits", project).then().statusCode(400);
        service().body(Map.of("ownerId", owner, "title", " ")).post("/api/v1/projects").then().statusCode(400);
    }

    @Test
    void theArchiveIsTheSameBytesEachTimeUnderOneRootFolder() throws Exception {
        apply(replace("src/wc/main.py", "", "print('hi')\n"), replace("README.md", "", "# Word Counter\n"));
        byte[] first = service().queryParam("ownerId", owner).get("/api/v1/projects/{id}/archive", project).then()
                .statusCode(200).header("Content-Disposition", containsString("word-counter.zip")).extract().asByteArray();
        byte[] second = service().queryParam("ownerId", owner).get("/api/v1/projects/{id}/archive", project).then()
                .extract().asByteArray();
        assertArrayEquals(first, second);
        List<String> names = new ArrayList<>();
        try (var zip = new ZipInputStream(new ByteArrayInputStream(first))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                names.add(entry.getName());
            }
        }
        assertEquals(List.of("word-counter/README.md", "word-counter/src/wc/main.py"), names);
    }

    private void apply(Object... edits) {
        service().queryParam("ownerId", owner).body(batch(edits)).post("/api/v1/projects/{id}/edits", project).then()
                .statusCode(200);
    }

    private String content(String path) {
        return service().queryParam("ownerId", owner).queryParam("path", path).get("/api/v1/projects/{id}/files/content", project)
                .then().statusCode(200).extract().asString();
    }
}
