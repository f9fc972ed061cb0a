package ai.devbot.projectstore.imports;

import static ai.devbot.testsupport.GitRepositories.git;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ai.devbot.testsupport.GitHttpServer;
import ai.devbot.testsupport.GitRepositories;
import ai.devbot.testsupport.PlatformCredentials;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * /import https://… against a real git server on loopback (the OS's {@code git http-backend}) and the real
 * PostgreSQL. The test profile lets the clone reach http on 127.0.0.1 only: 127.0.0.2 stands for every
 * private address, so a redirect there proves the check at every hop. A refused link stores nothing.
 */
@QuarkusTest
class GitImportTest {

    private static Path root;
    private static GitHttpServer server;

    private long owner;

    @BeforeAll
    static void aGitServerWithRepositories() throws Exception {
        root = Files.createTempDirectory("devbot-git-server-");
        GitRepositories.bare(root, "tip-calc", Map.of("README.md", "# Tip calculator\n", "src/tip.py",
                "def tip(amount, percent):\n    return amount * percent / 100\n",
                "node_modules/left-pad/index.js", "module.exports = 1\n"), work -> {
                    Files.write(work.resolve("logo.png"), new byte[] { (byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 0x0D });
                    Files.createSymbolicLink(work.resolve("secrets"), Path.of("/etc/shadow"));
                    git(work, "add", "-A");
                    git(work, "update-index", "--add", "--cacheinfo",
                            "160000,1234567890123456789012345678901234567890,vendor/lib");
                });
        byte[] noise = new byte[2 * 1024 * 1024];
        new Random(7).nextBytes(noise);
        GitRepositories.bare(root, "huge", Map.of("README.md", "# Big\n"), work -> {
            Files.write(work.resolve("data.bin"), noise);
            git(work, "add", "-A");
        });
        git(root, "init", "-q", "--bare", "empty.git");
        server = GitHttpServer.serve(root, "127.0.0.1");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void anOwner() {
        owner = 8_000_000_000L + (long) (Math.random() * 1e9);
    }

    @Test
    void aPublicRepositoryBecomesAProjectWithLinksAndSubmodulesRefusedAndItsBinaryKept() {
        JsonPath imported = importGit(server.url() + "/tip-calc.git", "job-1").statusCode(201).extract().jsonPath();

        long project = imported.getLong("project.id");
        assertEquals("tip-calc", imported.getString("project.title"));
        assertEquals(server.url() + "/tip-calc.git", imported.getString("report.fileName"));
        assertEquals(2, imported.getInt("report.files"));
        assertEquals(1, imported.getInt("report.binaries"));
        assertEquals(List.of("secrets", "vendor/lib"), imported.getList("report.refused.entry"));
        assertTrue(imported.getString("report.refused[1].reason").contains("submodule"));
        assertEquals(List.of("node_modules/"), imported.getList("report.skipped.folder"));
        JsonPath files = service().queryParam("ownerId", owner).get("/api/v1/projects/{id}/files", project).then()
                .statusCode(200).extract().jsonPath();
        assertEquals(List.of("README.md", "logo.png", "src/tip.py"), files.getList("path"));
        assertEquals("def tip(amount, percent):\n    return amount * percent / 100\n", service()
                .queryParam("ownerId", owner).queryParam("path", "src/tip.py")
                .get("/api/v1/projects/{id}/files/content", project).then().statusCode(200).extract().asString());
    }

    @Test
    void aRepeatedImportAnswersTheFirstProjectWithoutCloningAgain() throws IOException {
        GitHttpServer once = GitHttpServer.serve(root, "127.0.0.1");
        long first = importGit(once.url() + "/tip-calc.git", "job-2").statusCode(201).extract().jsonPath()
                .getLong("project.id");
        String url = once.url();
        once.close();

        JsonPath again = importGit(url + "/tip-calc.git", "job-2").statusCode(200).extract().jsonPath();

        assertEquals(first, again.getLong("project.id"));
        assertEquals(2, again.getInt("report.files"), "the first import's report, kept with the project");
    }

    @Test
    void linksThatAreNotPublicHttpsRepositoriesAreRefusedBeforeAnyConnection() {
        refused("ftp://127.0.0.1/tip-calc.git", "links are cloned");
        refused("http://user:secret@127.0.0.1:1/tip-calc.git", "user name or password");
        refused("http://127.0.0.1:1/", "names no repository");
        refused("not a link at all", "not a valid address");
        refused("http://127.0.0.1:" + port() + "/tip-calc.git?x=1", "query or fragment");
        refused("http://127.0.0.2:" + port() + "/tip-calc.git", "a loopback, private or link-local address");
        refused("http://169.254.169.254/latest/meta-data.git", "a loopback, private or link-local address");
        refused("http://[::1]:" + port() + "/tip-calc.git", "a loopback, private or link-local address");
        refused("http://10.0.0.1/x.git", "a loopback, private or link-local address");
    }

    @Test
    void aRedirectToAPrivateAddressIsRefusedAtThatHop() throws IOException {
        try (GitHttpServer inside = GitHttpServer.serve(root, "127.0.0.2");
                GitHttpServer redirecting = GitHttpServer.serve(root, "127.0.0.1").redirectingTo(inside.url())) {
            refused(redirecting.url() + "/tip-calc.git", "127.0.0.2, a loopback, private or link-local address");
        }
    }

    @Test
    void aRepositoryOverTheDownloadLimitIsRefusedWhileItArrives() {
        refused(server.url() + "/huge.git", "larger than 1 MB to download");
    }

    @Test
    void aServerThatDoesNotAnswerInTimeIsRefused() throws IOException {
        try (GitHttpServer slow = GitHttpServer.serve(root, "127.0.0.1").answeringAfter(Duration.ofSeconds(8))) {
            refused(slow.url() + "/tip-calc.git", "took longer than 5 s");
        }
    }

    @Test
    void missingAndEmptyRepositoriesAreRefusedWithWhatToDo() {
        refused(server.url() + "/nothing-here.git", "no repository at that address");
        refused(server.url() + "/empty.git", "no commits");
        refused("http://127.0.0.1:1/closed.git", "could not be reached");
    }

    @Test
    void malformedRequestsAreClearErrors() {
        service().body("{\"ownerId\":" + owner + ",\"creationKey\":\"k\"}").post("/api/v1/imports/git").then()
                .statusCode(400).body("error", containsString("url is required"));
        service().body("{\"url\":\"https://example.com/a.git\",\"creationKey\":\"k\"}").post("/api/v1/imports/git")
                .then().statusCode(400).body("error", containsString("ownerId"));
        service().body("{\"ownerId\":" + owner + ",\"url\":\"https://example.com/a.git\"}").post("/api/v1/imports/git")
                .then().statusCode(400).body("error", containsString("creationKey"));
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/imports/git").then().statusCode(401);
    }

    private void refused(String url, String reason) {
        importGit(url, "job-refused-" + url.hashCode()).statusCode(422).body("error", containsString(reason));
        assertEquals(List.of(), service().queryParam("ownerId", owner).get("/api/v1/projects").then().statusCode(200)
                .extract().jsonPath().getList("id"), "a refused link stores nothing: " + url);
    }

    private ValidatableResponse importGit(String url, String creationKey) {
        return service().body(Map.of("ownerId", owner, "url", url, "creationKey", creationKey))
                .post("/api/v1/imports/git").then();
    }

    private static int port() {
        return Integer.parseInt(server.url().substring(server.url().lastIndexOf(':') + 1));
    }

    private static RequestSpecification service() {
        return given().auth().preemptive().basic("service", PlatformCredentials.servicePassword())
                .contentType(ContentType.JSON);
    }
}
