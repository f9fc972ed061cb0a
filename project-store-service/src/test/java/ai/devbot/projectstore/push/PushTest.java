package ai.devbot.projectstore.push;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ai.devbot.testsupport.GitRepositories;
import ai.devbot.testsupport.GitSshServer;
import ai.devbot.testsupport.PlatformCredentials;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * /push against the OS's OpenSSH {@code sshd} with {@code git-shell} on loopback, where an authorised key may
 * only run git — a forge's deploy key. What lands is read back with plain {@code git}: the branch
 * {@code devbot/<slug>} with a commit per task, the user's other branches untouched, nothing ever forced.
 */
@QuarkusTest
class PushTest {

    private static Path root;
    private static GitSshServer sshd;

    private long owner;
    private long project;
    private Path repository;

    @BeforeAll
    static void anSshGitServer() throws Exception {
        root = Files.createTempDirectory("devbot-push-repos-");
        sshd = GitSshServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        sshd.close();
    }

    @BeforeEach
    void aProjectWithATaskDoneAndTheUsersRepository() throws Exception {
        owner = 8_700_000_000L + (long) (Math.random() * 1e9);
        project = service().body(Map.of("ownerId", owner, "title", "Habit Tracker")).post("/api/v1/projects").then()
                .statusCode(201).extract().jsonPath().getLong("id");
        var tasks = List.of(Map.of("title", "Skeleton", "description", "d", "acceptanceCriteria", List.of("c")),
                Map.of("title", "Storage", "description", "d", "acceptanceCriteria", List.of("c")));
        service().queryParam("ownerId", owner).body(Map.of("appendId", "a", "tasks", tasks))
                .post("/api/v1/projects/{id}/tasks", project).then().statusCode(200);
        edit(1, "app.py", "print('habits')\n");
        repository = GitRepositories.bare(root, "habits-" + UUID.randomUUID(), Map.of("README.md", "# Mine\n"),
                work -> { });
    }

    @Test
    void theHistoryIsPushedToItsBranchOnceTheUserAddsTheDeployKeyThenOnlyFastForward() throws Exception {
        JsonPath setup = setUp(sshd.url(repository)).statusCode(200)
                .body("branch", equalTo("devbot/habit-tracker"))
                .body("publicKey", startsWith("ecdsa-sha2-nistp256 AAAA"))
                .body("fingerprint", startsWith("SHA256:")).extract().jsonPath();

        push().statusCode(422).body("keyRefused", equalTo(true)).body("error", containsString("deploy key"));
        sshd.authorize(setup.getString("publicKey"));
        push().statusCode(200).body("outcome", equalTo("pushed")).body("firstContact", equalTo(true))
                .body("hostKeyFingerprint", equalTo(sshd.hostKeyFingerprint())).body("commits", equalTo(1));

        assertEquals("Task 1: Skeleton\n", git("log", "--format=%s", "devbot/habit-tracker"));
        assertEquals("first\n", git("log", "--format=%s", "main"), "the user's own branch is untouched");

        edit(2, "store.py", "DB = {}\n");
        String second = push().statusCode(200).body("outcome", equalTo("pushed")).body("firstContact", equalTo(false))
                .extract().jsonPath().getString("commit");
        assertEquals("Task 2: Storage\nTask 1: Skeleton\n", git("log", "--format=%s", "devbot/habit-tracker"));
        assertEquals(second + "\n", git("rev-parse", "devbot/habit-tracker"));
        push().statusCode(200).body("outcome", equalTo("up_to_date")).body("commit", equalTo(second));
    }

    @Test
    void aBranchWithSomeoneElsesCommitsIsNeverOverwritten() throws Exception {
        sshd.authorize(setUp(sshd.url(repository)).statusCode(200).extract().jsonPath().getString("publicKey"));
        push().statusCode(200);
        Path work = Files.createTempDirectory("devbot-someone-");
        GitRepositories.git(work, "clone", "-q", "-b", "devbot/habit-tracker", repository.toString(), "w");
        Files.writeString(work.resolve("w/theirs.txt"), "mine\n");
        GitRepositories.git(work.resolve("w"), "add", "-A");
        GitRepositories.git(work.resolve("w"), "-c", "user.name=s", "-c", "user.email=s@example.com", "commit", "-q",
                "-m", "someone else's work");
        GitRepositories.git(work.resolve("w"), "push", "-q", "origin", "devbot/habit-tracker");

        edit(2, "store.py", "DB = {}\n");
        push().statusCode(422).body("error", containsString("never overwrites")).body("keyRefused", equalTo(false));
        assertEquals("someone else's work\nTask 1: Skeleton\n", git("log", "--format=%s", "devbot/habit-tracker"));
    }

    @Test
    void aServerWithAnotherHostKeyThanTheFirstPushMetIsRefused() throws Exception {
        sshd.authorize(setUp(sshd.url(repository)).statusCode(200).extract().jsonPath().getString("publicKey"));
        push().statusCode(200);
        try (GitSshServer impostor = GitSshServer.start()) {
            impostor.authorize(setUp(impostor.url(repository)).statusCode(200).extract().jsonPath()
                    .getString("publicKey"));
            edit(2, "store.py", "DB = {}\n");
            push().statusCode(422).body("error", containsString("host key"));
        }
        assertEquals("Task 1: Skeleton\n", git("log", "--format=%s", "devbot/habit-tracker"));
    }

    @Test
    void anythingButAnSshAddressOnAnAllowedForgeIsRefusedAndNothingIsStored() {
        for (var refused : Map.of("https://github.com/me/habits.git", "only SSH addresses",
                "git@evil.example.com:me/habits.git", "pushes only to",
                "ssh://git:hunter2@github.com/me/habits.git", "password",
                "git@github.com:../../etc/passwd", "names no repository",
                "ssh://git@github.com/me/habits.git --upload-pack=x", "one piece",
                "file:///srv/git/habits.git", "only SSH addresses").entrySet()) {
            setUp(refused.getKey()).statusCode(422).body("error", containsString(refused.getValue()));
        }
        push().statusCode(409).body("error", containsString("/push"));
    }

    @Test
    void forgetDeletesTheKeySoTheNextSetupMakesANewOne() {
        String first = setUp(sshd.url(repository)).statusCode(200).extract().jsonPath().getString("publicKey");
        assertEquals(first, setUp(sshd.url(repository)).statusCode(200).extract().jsonPath().getString("publicKey"),
                "setting the address again keeps the key the user already added");
        forget().statusCode(200).body("forgotten", equalTo(true));
        forget().statusCode(200).body("forgotten", equalTo(false));
        push().statusCode(409);
        assertNotEquals(first, setUp(sshd.url(repository)).statusCode(200).extract().jsonPath().getString("publicKey"));
    }

    @Test
    void anotherOwnerCanNeitherSetUpNorPushNorForget() {
        setUp(sshd.url(repository)).statusCode(200);
        service().queryParam("ownerId", owner + 1).body(Map.of("address", sshd.url(repository)))
                .put("/api/v1/projects/{id}/push", project).then().statusCode(404);
        service().queryParam("ownerId", owner + 1).post("/api/v1/projects/{id}/push", project).then().statusCode(404);
        service().queryParam("ownerId", owner + 1).delete("/api/v1/projects/{id}/push", project).then().statusCode(404);
        service().queryParam("ownerId", owner).body("{}").put("/api/v1/projects/{id}/push", project).then()
                .statusCode(422);
        String body = setUp(sshd.url(repository)).statusCode(200).extract().asString();
        assertFalse(body.contains("PRIVATE") || body.contains("privateKey"), "the private half is never answered");
    }

    private ValidatableResponse setUp(String address) {
        return service().queryParam("ownerId", owner).body(Map.of("address", address))
                .put("/api/v1/projects/{id}/push", project).then();
    }

    private ValidatableResponse push() {
        return service().queryParam("ownerId", owner).post("/api/v1/projects/{id}/push", project).then();
    }

    private ValidatableResponse forget() {
        return service().queryParam("ownerId", owner).delete("/api/v1/projects/{id}/push", project).then();
    }

    private String git(String... args) throws Exception {
        return GitRepositories.git(repository, args);
    }

    private void edit(int task, String path, String content) {
        service().queryParam("ownerId", owner).body(Map.of("batchId", "b-" + UUID.randomUUID(), "taskNumber", task,
                "attempt", 1, "edits", List.of(Map.of("kind", "write", "path", path, "content", content))))
                .post("/api/v1/projects/{id}/edits", project).then().statusCode(200);
    }

    private static RequestSpecification service() {
        return given().auth().preemptive().basic("service", PlatformCredentials.servicePassword())
                .contentType(ContentType.JSON);
    }
}
