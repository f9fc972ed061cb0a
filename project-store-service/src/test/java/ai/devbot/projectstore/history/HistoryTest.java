package ai.devbot.projectstore.history;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.devbot.testsupport.PlatformCredentials;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * A project's history as a git bundle, checked with the git the OS ships: a clone has a commit per task (the
 * attempts of one task together) and per undo, by devbot, and the files as they are now; the same history gives
 * the same commit ids; an imported project starts with its import, binary files included.
 */
@QuarkusTest
class HistoryTest {

    private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 1, 2 };

    @TempDir
    Path dir;
    private long owner;
    private long project;

    @BeforeEach
    void aProjectWithTwoTasks() {
        owner = 8_500_000_000L + (long) (Math.random() * 1e9);
        project = service().body(Map.of("ownerId", owner, "title", "Habits")).post("/api/v1/projects").then()
                .statusCode(201).extract().jsonPath().getLong("id");
        var tasks = List.of(Map.of("title", "Skeleton", "description", "d", "acceptanceCriteria", List.of("c")),
                Map.of("title", "Storage", "description", "d", "acceptanceCriteria", List.of("c")));
        service().queryParam("ownerId", owner).body(Map.of("appendId", "a", "tasks", tasks))
                .post("/api/v1/projects/{id}/tasks", project).then().statusCode(200);
    }

    @Test
    void eachTaskAndEachUndoIsACommitByDevbotAndTheCloneHasTheFilesAsTheyAreNow() throws Exception {
        edit(1, write("app.py", "print('v1')\n"));
        edit(1, write("app.py", "print('v2')\n"));
        service().queryParam("ownerId", owner).body(Map.of("status", "done", "resultSummary", "A runnable app."))
                .patch("/api/v1/projects/{id}/tasks/1", project).then().statusCode(200);
        edit(2, write("store.py", "DB = {}\n"));
        service().queryParam("ownerId", owner).post("/api/v1/projects/{id}/tasks/2/rollback", project).then()
                .statusCode(200);

        Path clone = cloneOf(bundle(), "clone");

        assertEquals(List.of("Undo task 2: Storage", "Task 2: Storage", "Task 1: Skeleton"),
                git(clone, "log", "--format=%s"));
        assertEquals(List.of("A runnable app."), git(clone, "log", "-1", "--skip=2", "--format=%b").stream()
                .filter(line -> !line.isBlank()).toList());
        assertEquals(List.of("devbot <devbot@users.noreply.devbot.invalid>"),
                git(clone, "log", "--format=%an <%ae>").stream().distinct().toList());
        assertEquals(List.of("app.py"), git(clone, "ls-files"));
        assertEquals("print('v2')\n", Files.readString(clone.resolve("app.py")));
        assertEquals(git(clone, "rev-parse", "HEAD"), git(cloneOf(bundle(), "again"), "rev-parse", "HEAD"),
                "the same history gives the same commit ids");
    }

    @Test
    void anImportedProjectStartsWithItsImportBinaryFilesIncluded() throws Exception {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            for (var file : Map.of("tips-main/tips.py", "TIP = 0.15\n".getBytes(StandardCharsets.UTF_8),
                    "tips-main/logo.png", PNG).entrySet()) {
                out.putNextEntry(new ZipEntry(file.getKey()));
                out.write(file.getValue());
                out.closeEntry();
            }
        }
        String upload = given().auth().preemptive().basic("service", PlatformCredentials.servicePassword())
                .contentType("application/zip").queryParam("ownerId", owner).queryParam("uploadKey", "tg-1")
                .queryParam("fileName", "tips-main.zip").body(zip.toByteArray()).post("/api/v1/uploads").then()
                .statusCode(200).extract().jsonPath().getString("id");
        long imported = service().body(Map.of("ownerId", owner, "uploadId", upload, "creationKey", "job-1"))
                .post("/api/v1/imports").then().statusCode(201).extract().jsonPath().getLong("project.id");
        project = imported;

        Path clone = cloneOf(bundle(), "imported");

        assertEquals(List.of("Imported from tips-main.zip"), git(clone, "log", "--format=%s"));
        assertEquals(List.of("logo.png", "tips.py"), git(clone, "ls-files"));
        assertArrayEquals(PNG, Files.readAllBytes(clone.resolve("logo.png")));
    }

    @Test
    void anotherOwnerGetsNoHistoryAndAProjectWithoutFilesHasNone() {
        edit(1, write("app.py", "x = 1\n"));
        service().queryParam("ownerId", owner + 1).get("/api/v1/projects/{id}/history/bundle", project).then()
                .statusCode(404);
        long empty = service().body(Map.of("ownerId", owner, "title", "Empty")).post("/api/v1/projects").then()
                .statusCode(201).extract().jsonPath().getLong("id");
        service().queryParam("ownerId", owner).get("/api/v1/projects/{id}/history/bundle", empty).then()
                .statusCode(404);
    }

    private byte[] bundle() {
        return service().queryParam("ownerId", owner).get("/api/v1/projects/{id}/history/bundle", project).then()
                .statusCode(200).extract().asByteArray();
    }

    private Path cloneOf(byte[] bundle, String name) throws Exception {
        Path file = dir.resolve(name + ".bundle");
        Files.write(file, bundle);
        Path clone = dir.resolve(name);
        git(dir, "clone", "--quiet", file.toString(), clone.toString());
        return clone;
    }

    private static List<String> git(Path in, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-c", "protocol.file.allow=always"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(in.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("git " + String.join(" ", args) + " failed: " + output);
        }
        return output.lines().toList();
    }

    private void edit(int task, Map<String, Object> edit) {
        service().queryParam("ownerId", owner).body(Map.of("batchId", "b-" + UUID.randomUUID(), "taskNumber", task,
                "attempt", 1, "edits", List.of(edit))).post("/api/v1/projects/{id}/edits", project).then()
                .statusCode(200);
    }

    private static Map<String, Object> write(String path, String content) {
        return Map.of("kind", "write", "path", path, "content", content);
    }

    private static RequestSpecification service() {
        return given().auth().preemptive().basic("service", PlatformCredentials.servicePassword())
                .contentType(ContentType.JSON);
    }
}
