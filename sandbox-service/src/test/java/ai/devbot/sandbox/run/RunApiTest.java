package ai.devbot.sandbox.run;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ai.devbot.testsupport.PlatformCredentials;
import ai.devbot.testsupport.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The run API against real bubblewrap, real pytest and PostgreSQL, with project-store's archive over HTTP. */
@QuarkusTest
@QuarkusTestResource(FakeProjectStore.class)
class RunApiTest {

    static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 1000);
    static final Map<String, String> CALCULATOR = Map.of(
            "calc.py", "def add(a, b):\n    return a + b\n",
            "test_calc.py", "from calc import add\n\n\ndef test_add():\n    assert add(1, 2) == 3\n\n\n"
                    + "def test_negative():\n    assert add(-1, 1) == 0\n");
    static final Map<String, String> BROKEN_CALCULATOR = Map.of(
            "calc.py", "def add(a, b):\n    return a - b\n",
            "test_calc.py", CALCULATOR.get("test_calc.py") + "\n\ndef test_zero():\n    assert add(0, 0) == 0\n");

    static TopicReader usage;

    @BeforeAll
    static void readUsage() {
        usage = new TopicReader(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                "test-sandbox-billing-usage");
    }

    @AfterAll
    static void closeReader() {
        usage.close();
    }

    @AfterEach
    void storeWorksAgain() {
        FakeProjectStore.failWith = 0;
    }

    @Test
    void aRunsSandboxTimeIsPublishedOnceAsABillingUsageEventForItsJob() throws Exception {
        long owner = IDS.incrementAndGet();
        long project = project(CALCULATOR, owner);
        String runId = runId();
        Map<String, Object> request = new java.util.HashMap<>(SandboxApi.request(runId, owner, project, "sleep 0.2"));
        request.put("jobId", "job-tg-42");
        JsonPath result = SandboxApi.run(request).statusCode(200).extract().jsonPath();
        assertEquals("sandbox-" + runId, result.getString("usage.eventId"));
        assertEquals("sandbox", result.getString("usage.provider"));
        assertEquals("local", result.getString("usage.model"));
        long millis = result.getLong("usage.millis");
        org.junit.jupiter.api.Assertions.assertTrue(millis >= 200, "at least the command's 200 ms: " + millis);
        assertEquals(millis, result.getLong("sandboxMillis"));
        SandboxApi.run(request).statusCode(200);

        var events = usage.await(r -> r.value().contains("sandbox-" + runId), 1, java.time.Duration.ofSeconds(20));
        JsonPath event = new JsonPath(events.get(0).value());
        assertEquals(Long.toString(owner), events.get(0).key());
        assertEquals(owner, event.getLong("userId"));
        assertEquals("job-tg-42", event.getString("jobId"));
        assertEquals(project, event.getLong("projectId"));
        assertEquals("sandbox", event.getString("provider"));
        assertEquals(millis, event.getLong("inputTokens"));
        assertEquals(0, event.getLong("outputTokens"));
        // A later run of the same owner is the marker: its event is published after anything the repeat caused.
        String marker = runId();
        Map<String, Object> next = new java.util.HashMap<>(SandboxApi.request(marker, owner, project, "true"));
        next.put("jobId", "job-tg-43");
        SandboxApi.run(next).statusCode(200);
        var published = usage.upTo(r -> r.key().equals(Long.toString(owner)), r -> r.value().contains("sandbox-" + marker),
                java.time.Duration.ofSeconds(20));
        assertEquals(1, published.stream().filter(r -> r.value().contains("sandbox-" + runId)).count(),
                "the repeated request published nothing more: " + published);
    }

    static long project(Map<String, String> files, long owner) {
        long id = IDS.incrementAndGet();
        FakeProjectStore.put(id, owner, files);
        return id;
    }

    static String runId() {
        return "test-" + UUID.randomUUID();
    }

    @Test
    void passingPytestProjectReportsItsTestsAsPassed() {
        long owner = IDS.incrementAndGet();
        long project = project(CALCULATOR, owner);
        SandboxApi.run(SandboxApi.request(runId(), owner, project, "python3 -m pytest -q"))
                .statusCode(200)
                .body("status", equalTo("PASSED"))
                .body("reason", nullValue())
                .body("tests.format", equalTo("pytest"))
                .body("tests.passed", equalTo(2))
                .body("tests.failed", equalTo(0))
                .body("commands[0].outcome", equalTo("PASSED"))
                .body("commands[0].exitCode", equalTo(0))
                .body("commands[0].stdoutTail", containsString("2 passed"))
                .body("archiveSha256", org.hamcrest.Matchers.matchesPattern("[0-9a-f]{64}"));
    }

    @Test
    void failingTestsAreReportedWithTheirNamesAndOutput() {
        long owner = IDS.incrementAndGet();
        long project = project(BROKEN_CALCULATOR, owner);
        SandboxApi.run(SandboxApi.request(runId(), owner, project, "python3 -m pytest -q"))
                .statusCode(200)
                .body("status", equalTo("FAILED"))
                .body("reason", equalTo("check failed: exited with code 1"))
                .body("tests.failed", equalTo(2))
                .body("tests.passed", equalTo(1))
                .body("tests.total", equalTo(3))
                .body("tests.failures.name", hasItem("test_calc.py::test_add"))
                .body("commands[0].stdoutTail", containsString("assert -1 == 3"));
    }

    @Test
    void junitXmlReportsLeftByTheChecksAreSummarised() {
        long owner = IDS.incrementAndGet();
        long project = project(BROKEN_CALCULATOR, owner);
        SandboxApi.run(SandboxApi.request(runId(), owner, project,
                "python3 -m pytest -q --junitxml=reports/junit.xml"))
                .statusCode(200)
                .body("status", equalTo("FAILED"))
                .body("tests.format", equalTo("junit-xml"))
                .body("tests.failed", equalTo(2))
                .body("tests.failures.name", hasItem("test_calc.test_add"));
    }

    @Test
    void aFailedSetupSkipsTheChecks() {
        long owner = IDS.incrementAndGet();
        long project = project(CALCULATOR, owner);
        SandboxApi.run(SandboxApi.request(runId(), owner, project, "echo cannot install >&2; exit 2",
                "python3 -m pytest -q"))
                .statusCode(200)
                .body("status", equalTo("FAILED"))
                .body("reason", equalTo("setup-0 failed: exited with code 2"))
                .body("commands[0].stderrTail", equalTo("cannot install\n"))
                .body("commands[1].outcome", equalTo("SKIPPED"));
    }

    @Test
    void theSameRunIdAnswersTheStoredResultWithoutRunningAgain() throws Exception {
        long owner = IDS.incrementAndGet();
        long project = project(CALCULATOR, owner);
        String runId = runId();
        // Prints a fresh random value each time it really runs.
        Map<String, Object> request = SandboxApi.request(runId, owner, project, "cat /proc/sys/kernel/random/uuid");
        int fetchesBefore = FakeProjectStore.REQUESTS.get();
        CompletableFuture<JsonPath> first = CompletableFuture.supplyAsync(
                () -> SandboxApi.run(request).statusCode(200).extract().jsonPath());
        CompletableFuture<JsonPath> second = CompletableFuture.supplyAsync(
                () -> SandboxApi.run(request).statusCode(200).extract().jsonPath());
        String output = first.get().getString("commands[0].stdoutTail");
        assertEquals(output, second.get().getString("commands[0].stdoutTail"), "one execution for both");
        assertEquals(output, SandboxApi.run(request).statusCode(200).extract().jsonPath()
                .getString("commands[0].stdoutTail"), "a later repeat reads the stored result");
        SandboxApi.get(runId, owner).statusCode(200).body("commands[0].stdoutTail", equalTo(output));
        org.junit.jupiter.api.Assertions.assertTrue(FakeProjectStore.REQUESTS.get() - fetchesBefore <= 2,
                "the archive is fetched at most once per concurrent first request");
    }

    @Test
    void aCallerThatGoesAwayMidRunLeavesTheRunToFinishAndItsResultStored() throws Exception {
        long owner = IDS.incrementAndGet();
        long project = project(CALCULATOR, owner);
        String runId = runId();
        String body = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(
                SandboxApi.request(runId, owner, project, "sleep 3; echo finished"));
        var http = java.net.http.HttpClient.newHttpClient();
        var post = java.net.http.HttpRequest.newBuilder(java.net.URI.create(io.restassured.RestAssured.baseURI + ":"
                + io.restassured.RestAssured.port + "/api/v1/runs")).timeout(java.time.Duration.ofSeconds(1))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        ("service:" + PlatformCredentials.servicePassword()).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build();
        org.junit.jupiter.api.Assertions.assertThrows(java.net.http.HttpTimeoutException.class,
                () -> http.send(post, java.net.http.HttpResponse.BodyHandlers.ofString()), "the caller gives up");
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        String status = "RUNNING";
        while (status.equals("RUNNING") && System.nanoTime() < deadline) {
            Thread.sleep(250);
            status = SandboxApi.get(runId, owner).statusCode(200).extract().jsonPath().getString("status");
        }
        assertEquals("PASSED", status, "the run went on without its caller");
        SandboxApi.run(SandboxApi.request(runId, owner, project, "sleep 3; echo finished")).statusCode(200)
                .body("commands[0].stdoutTail", equalTo("finished\n"));
    }

    @Test
    void aRunIdReusedForAnotherRequestIsRefused() {
        long owner = IDS.incrementAndGet();
        long project = project(CALCULATOR, owner);
        String runId = runId();
        SandboxApi.run(SandboxApi.request(runId, owner, project, "true")).statusCode(200);
        SandboxApi.run(SandboxApi.request(runId, owner, project, "false")).statusCode(409)
                .body("code", equalTo("RUN_ID_REUSED"));
    }

    @Test
    void anotherOwnersProjectIsNotFoundAndNothingRuns() {
        long owner = IDS.incrementAndGet();
        long project = project(CALCULATOR, owner);
        String runId = runId();
        SandboxApi.run(SandboxApi.request(runId, owner + 1, project, "true")).statusCode(404)
                .body("code", equalTo("PROJECT_NOT_FOUND"));
        SandboxApi.get(runId, owner + 1).statusCode(404);
        // Nothing was claimed: the right owner may use the id.
        SandboxApi.run(SandboxApi.request(runId, owner, project, "true")).statusCode(200);
        SandboxApi.get(runId, owner + 1).statusCode(404);
    }

    @Test
    void projectStoreDownIsARetryable503AndClaimsNothing() {
        long owner = IDS.incrementAndGet();
        long project = project(CALCULATOR, owner);
        String runId = runId();
        FakeProjectStore.failWith = 500;
        SandboxApi.run(SandboxApi.request(runId, owner, project, "true")).statusCode(503)
                .header("Retry-After", not(nullValue()))
                .body("code", equalTo("PROJECT_STORE_UNAVAILABLE"));
        FakeProjectStore.failWith = 0;
        SandboxApi.run(SandboxApi.request(runId, owner, project, "true")).statusCode(200).body("status", equalTo("PASSED"));
    }

    @Test
    void anArchiveThatEscapesItsRootIsAnErrorWithTheReason() {
        long owner = IDS.incrementAndGet();
        long project = IDS.incrementAndGet();
        FakeProjectStore.putRaw(project, owner, FakeProjectStore.zip("project", Map.of("../../etc/cron.d/x", "boom")));
        SandboxApi.run(SandboxApi.request(runId(), owner, project, "true")).statusCode(200)
                .body("status", equalTo("ERROR"))
                .body("reason", containsString("climbs out of the project"))
                .body("commands[0].outcome", equalTo("SKIPPED"));
    }

    @Test
    void theServicesSecretsNeverAppearInARunsOutput() {
        long owner = IDS.incrementAndGet();
        // As if a secret had leaked into the project: printing it must still not reach the caller.
        long project = project(Map.of("leak.txt", "key=" + PlatformCredentials.servicePassword() + "\n"), owner);
        SandboxApi.run(SandboxApi.request(runId(), owner, project, "cat leak.txt")).statusCode(200)
                .body("commands[0].stdoutTail", equalTo("key=[redacted]\n"));
    }

    @Test
    void limitsAreClampedToTheMaximumAndReported() {
        long owner = IDS.incrementAndGet();
        long project = project(CALCULATOR, owner);
        Map<String, Object> request = new java.util.HashMap<>(SandboxApi.request(runId(), owner, project, "true"));
        request.put("limits", Map.of("wallSeconds", 100000, "memoryMb", 256));
        SandboxApi.run(request).statusCode(200)
                .body("limits.wallTime", equalTo(900.0f))
                .body("limits.memoryMb", equalTo(256));
    }

    @Test
    void malformedAndHostileRequestsAreRefusedWithAReason() {
        SandboxApi.runRaw("{not json").statusCode(400);
        SandboxApi.runRaw("").statusCode(400);
        SandboxApi.runRaw("{}").statusCode(400).body("error", containsString("runId"));
        SandboxApi.run(Map.of("runId", "../../etc", "ownerId", 1, "projectId", 1,
                "commands", List.of(Map.of("name", "check", "command", "true")))).statusCode(400)
                .body("error", containsString("runId"));
        SandboxApi.run(Map.of("runId", "ok-id", "ownerId", -1, "projectId", 1,
                "commands", List.of(Map.of("name", "check", "command", "true")))).statusCode(400);
        SandboxApi.run(Map.of("runId", "ok-id", "ownerId", 1, "projectId", 1, "commands", List.of())).statusCode(400);
        SandboxApi.run(Map.of("runId", "ok-id", "ownerId", 1, "projectId", 1,
                "commands", List.of(Map.of("name", "Bad Name;rm", "command", "true")))).statusCode(400)
                .body("error", containsString("name"));
        SandboxApi.run(Map.of("runId", "ok-id", "ownerId", 1, "projectId", 1,
                "commands", List.of(Map.of("name", "check", "command", "x".repeat(5000))))).statusCode(400);
        SandboxApi.runRaw("{\"runId\":\"" + "x".repeat(70_000) + "\"}").statusCode(413);
        SandboxApi.get("whatever", 0).statusCode(400);
    }

    @Test
    void operatorsListTheLatestRunsOfAProjectButServicesMayNot() {
        long owner = IDS.incrementAndGet();
        long project = project(CALCULATOR, owner);
        String runId = runId();
        SandboxApi.run(SandboxApi.request(runId, owner, project, "false")).statusCode(200);
        given().auth().preemptive().basic("operator", PlatformCredentials.operatorPassword())
                .queryParam("ownerId", owner).queryParam("projectId", project).when().get("/api/admin/runs").then()
                .statusCode(200).body("runId", org.hamcrest.Matchers.contains(runId))
                .body("status[0]", equalTo("FAILED")).body("reason[0]", equalTo("check failed: exited with code 1"));
        given().auth().preemptive().basic("service", PlatformCredentials.servicePassword())
                .when().get("/api/admin/runs").then().statusCode(403);
        given().auth().preemptive().basic("operator", PlatformCredentials.operatorPassword())
                .queryParam("limit", 0).when().get("/api/admin/runs").then().statusCode(400);
    }

    @Test
    void callersNeedCredentials() {
        given().contentType("application/json").body("{}").when().post("/api/v1/runs").then().statusCode(401);
        given().auth().preemptive().basic("service", "wrong").contentType("application/json").body("{}")
                .when().post("/api/v1/runs").then().statusCode(401);
    }
}
