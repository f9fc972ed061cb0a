package ai.devbot.agent.operation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import ai.devbot.testsupport.PlatformCredentials;
import ai.devbot.testsupport.SimulatorResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A thousand users' plans may wait for their model at once: an operation waiting for its answer must hold no
 * thread (docs/adr/0012-no-thread-per-wait.md), over either protocol.
 */
@QuarkusTest
@QuarkusTestResource(value = SimulatorResource.class, initArgs = @ResourceArg(name = "urls",
        value = "agent.models.architect.base-url=/v1beta,agent.models.implementer.base-url=/v1"))
class ConcurrentCallsTest {

    private static final int CALLS = 300;
    private static final long DELAY_MS = 3_000;

    @TestHTTPResource("/")
    URI agent;

    @AfterEach
    void clear() {
        AgentApi.clearScripts();
    }

    @Test
    void threeHundredOperationsWaitingForTheirModelsAtOnceHoldNoThreadEach() throws Exception {
        AgentApi.clearScripts();
        AgentApi.script("""
                rules:
                  - { match: { operation: plan }, respond: { delayMs: %d } }
                  - { match: { operation: implement }, respond: { delayMs: %d } }
                """.formatted(DELAY_MS, DELAY_MS));
        // Warm up both protocols' clients and connections' first use, so growth below is the waiting's alone.
        send(HttpClient.newHttpClient(), "plan", 0).get();
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        // The callers' side on four threads, so that any growth is the agent's.
        ExecutorService callers = Executors.newFixedThreadPool(4);
        HttpClient client = HttpClient.newBuilder().executor(callers).connectTimeout(Duration.ofSeconds(5)).build();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 1; i <= CALLS; i++) {
            calls.add(send(client, i % 2 == 0 ? "plan" : "implement", i));
        }
        Thread.sleep(DELAY_MS / 2);
        int threadsWhileWaiting = ManagementFactory.getThreadMXBean().getThreadCount();
        for (var call : calls) {
            HttpResponse<String> answer = call.get();
            assertEquals(200, answer.statusCode(), answer.body());
        }
        callers.shutdownNow();
        assertTrue(threadsWhileWaiting - threadsBefore < 50, CALLS + " operations waiting for their models took "
                + (threadsWhileWaiting - threadsBefore) + " more threads");
    }

    private CompletableFuture<HttpResponse<String>> send(HttpClient client, String operation, int i) {
        String body = operation.equals("plan")
                ? """
                {"jobId":"job-many-%d","userId":%d,"idea":"A CLI that counts words, number %d","callId":"many-%d"}"""
                        .formatted(i, 1000 + i, i, i)
                : """
                {"jobId":"job-many-%d","userId":%d,"projectId":1,"callId":"many-%d","architecture":"Package: wc",
                 "task":{"number":1,"title":"Skeleton","description":"Package and CLI","acceptanceCriteria":["it runs"]}}"""
                        .formatted(i, 1000 + i, i);
        String credentials = Base64.getEncoder()
                .encodeToString(("service:" + PlatformCredentials.servicePassword()).getBytes(StandardCharsets.UTF_8));
        return client.sendAsync(HttpRequest.newBuilder(agent.resolve("/api/v1/" + operation))
                .header("Content-Type", "application/json").header("Authorization", "Basic " + credentials)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
