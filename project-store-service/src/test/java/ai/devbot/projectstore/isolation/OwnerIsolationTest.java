package ai.devbot.projectstore.isolation;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ai.devbot.testsupport.PlatformCredentials;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every owner-scoped endpoint, called by another owner: each of the 18 answers 404 on someone else's
 * project (writes included), changes nothing there, and no answer — not even a search of one's own
 * project — carries the other project's content. The two projects hold different words, so a leak
 * shows up as a word that should not be there rather than as an equal path.
 */
@QuarkusTest
class OwnerIsolationTest {

    long alice;
    long bob;
    long alicesProject;
    long bobsProject;
    String aliceWord;

    static RequestSpecification as(long owner) {
        return given().auth().preemptive().basic("service", PlatformCredentials.servicePassword())
                .contentType(ContentType.JSON).queryParam("ownerId", owner);
    }

    static long project(long owner, String title) {
        return given().auth().preemptive().basic("service", PlatformCredentials.servicePassword())
                .contentType(ContentType.JSON).body(Map.of("ownerId", owner, "title", title, "idea", title))
                .post("/api/v1/projects").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    static void write(long owner, long project, int task, String path, String content) {
        as(owner).body(Map.of("batchId", "b-" + UUID.randomUUID(), "taskNumber", task, "attempt", 1, "edits",
                List.of(Map.of("kind", "write", "path", path, "content", content))))
                .post("/api/v1/projects/{id}/edits", project).then().statusCode(200);
    }

    @BeforeEach
    void twoOwnersWithDifferentProjects() {
        alice = 6_000_000_000L + (long) (Math.random() * 1e9);
        bob = alice + 1;
        aliceWord = "zanzibar" + Long.toString(alice, 36);
        alicesProject = project(alice, "Aardvark Atlas");
        bobsProject = project(bob, "Bobcat Budget");
        as(alice).body(Map.of("appendId", "plan", "tasks", List.of(Map.of("title", "Map the " + aliceWord))))
                .post("/api/v1/projects/{id}/tasks", alicesProject).then().statusCode(200);
        write(alice, alicesProject, 1, "atlas.py", "def " + aliceWord + "():\n    return 'aardvark secret " + aliceWord + "'\n");
        write(bob, bobsProject, 1, "budget.py", "def total(items):\n    return sum(items)\n");
        as(alice).post("/api/v1/projects/{id}/index/refresh", alicesProject).then().statusCode(200);
        as(bob).post("/api/v1/projects/{id}/index/refresh", bobsProject).then().statusCode(200);
    }

    /** Everything Alice's project is, as its owner reads it. */
    Map<String, String> snapshotOfAlices() {
        Map<String, String> state = new LinkedHashMap<>();
        state.put("project", as(alice).get("/api/v1/projects/{id}", alicesProject).then().statusCode(200).extract().asString());
        state.put("files", as(alice).get("/api/v1/projects/{id}/files", alicesProject).then().statusCode(200).extract().asString());
        state.put("atlas.py", as(alice).queryParam("path", "atlas.py").get("/api/v1/projects/{id}/files/content", alicesProject)
                .then().statusCode(200).extract().asString());
        state.put("tasks", as(alice).get("/api/v1/projects/{id}/tasks", alicesProject).then().statusCode(200).extract().asString());
        return state;
    }

    @Test
    void everyOwnerScopedEndpointIs404ForAnotherOwnerAndChangesNothing() {
        Map<String, String> before = snapshotOfAlices();
        Map<String, Function<RequestSpecification, Response>> calls = new LinkedHashMap<>();
        String batch = "b-" + UUID.randomUUID();
        calls.put("GET project", r -> r.get("/api/v1/projects/{id}", alicesProject));
        calls.put("PATCH project", r -> r.body(Map.of("title", "Bob's now")).patch("/api/v1/projects/{id}", alicesProject));
        calls.put("DELETE project", r -> r.delete("/api/v1/projects/{id}", alicesProject));
        calls.put("PUT file", r -> r.contentType(ContentType.TEXT).queryParam("path", "atlas.py").queryParam("batchId", batch)
                .body("stolen").put("/api/v1/projects/{id}/files/content", alicesProject));
        calls.put("DELETE file", r -> r.queryParam("path", "atlas.py").queryParam("batchId", batch + "-d")
                .delete("/api/v1/projects/{id}/files/content", alicesProject));
        calls.put("GET files", r -> r.get("/api/v1/projects/{id}/files", alicesProject));
        calls.put("GET file content", r -> r.queryParam("path", "atlas.py").get("/api/v1/projects/{id}/files/content", alicesProject));
        calls.put("POST edits", r -> r.body(Map.of("batchId", batch + "-e", "taskNumber", 1, "attempt", 1, "edits",
                List.of(Map.of("kind", "write", "path", "bob.py", "content", "x = 1\n"))))
                .post("/api/v1/projects/{id}/edits", alicesProject));
        calls.put("GET archive", r -> r.get("/api/v1/projects/{id}/archive", alicesProject));
        calls.put("GET tasks", r -> r.get("/api/v1/projects/{id}/tasks", alicesProject));
        calls.put("POST tasks", r -> r.body(Map.of("appendId", "bob", "tasks", List.of(Map.of("title", "Bob's task"))))
                .post("/api/v1/projects/{id}/tasks", alicesProject));
        calls.put("PATCH task", r -> r.body(Map.of("status", "done")).patch("/api/v1/projects/{id}/tasks/1", alicesProject));
        calls.put("GET task diff", r -> r.get("/api/v1/projects/{id}/tasks/1/diff", alicesProject));
        calls.put("GET task patch", r -> r.get("/api/v1/projects/{id}/tasks/1/patch", alicesProject));
        calls.put("POST task rollback", r -> r.post("/api/v1/projects/{id}/tasks/1/rollback", alicesProject));
        calls.put("GET search", r -> r.queryParam("q", aliceWord).get("/api/v1/projects/{id}/search", alicesProject));
        calls.put("POST context", r -> r.body(Map.of("query", aliceWord)).post("/api/v1/projects/{id}/context", alicesProject));
        calls.put("POST index refresh", r -> r.post("/api/v1/projects/{id}/index/refresh", alicesProject));

        List<String> wrong = new ArrayList<>();
        calls.forEach((name, call) -> {
            Response answer = call.apply(as(bob));
            if (answer.statusCode() != 404) {
                wrong.add(name + " answered " + answer.statusCode());
            }
            if (answer.asString().contains(aliceWord) || answer.asString().contains("Aardvark")) {
                wrong.add(name + " carried Alice's content: " + answer.asString());
            }
        });
        assertEquals(List.of(), wrong);
        assertEquals(18, calls.size(), "every endpoint on a project; the list of projects is checked below");
        assertEquals(before, snapshotOfAlices(), "Alice's project is as it was");
    }

    @Test
    void theProjectListAndSearchesOfOnesOwnProjectNeverShowAnotherOwnersContent() {
        List<Map<String, Object>> bobs = as(bob).get("/api/v1/projects").then().statusCode(200).extract().jsonPath()
                .getList("$");
        assertEquals(List.of(bobsProject), bobs.stream().map(p -> ((Number) p.get("id")).longValue()).toList());

        String search = as(bob).queryParam("q", aliceWord + " aardvark secret").queryParam("k", 20)
                .get("/api/v1/projects/{id}/search", bobsProject).then().statusCode(200).extract().asString();
        assertFalse(search.contains(aliceWord) || search.contains("atlas.py"), search);
        assertTrue(search.contains("budget.py"), "Bob's own code is found: " + search);
        String context = as(bob).body(Map.of("query", aliceWord + " aardvark secret"))
                .post("/api/v1/projects/{id}/context", bobsProject).then().statusCode(200).extract().asString();
        assertFalse(context.contains(aliceWord) || context.contains("atlas.py"), context);
        String diff = as(bob).get("/api/v1/projects/{id}/tasks/1/diff", bobsProject).then().extract().asString();
        assertFalse(diff.contains(aliceWord), diff);
        // Alice's own search finds her word: the check above could have seen it.
        assertTrue(as(alice).queryParam("q", aliceWord).get("/api/v1/projects/{id}/search", alicesProject).then()
                .statusCode(200).extract().asString().contains(aliceWord));
    }
}
