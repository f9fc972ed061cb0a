package ai.devbot.simulator.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ai.devbot.simulator.SimulatorClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The load benchmarks delay a thousand answers at once: a delayed answer must wait on a timer, not a thread. */
@QuarkusTest
class DelayedAnswersTest {

    private static final int CALLS = 300;
    private static final long DELAY_MS = 2_000;

    @TestHTTPResource("/")
    URI base;

    @BeforeEach
    void slowPlans() {
        SimulatorClient.reset();
        OpenAiSimulatorTest.scenario("""
                rules:
                  - { match: { operation: plan }, respond: { delayMs: %d } }
                """.formatted(DELAY_MS));
    }

    @Test
    void threeHundredDelayedAnswersAtOnceAreAllSlowAndNoneHoldsAThread() throws Exception {
        // The callers' side on four threads too, so that any growth is the simulator's.
        ExecutorService callers = Executors.newFixedThreadPool(4);
        HttpClient client = HttpClient.newBuilder().executor(callers).connectTimeout(Duration.ofSeconds(5)).build();
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < CALLS; i++) {
            boolean gemini = i % 2 == 0;
            calls.add(client.sendAsync(gemini ? gemini(i) : openAi(i), HttpResponse.BodyHandlers.ofString()));
        }
        // Half-way through the delay every call has arrived and is waiting: a thread each would show here.
        Thread.sleep(DELAY_MS / 2);
        int threadsWhileWaiting = ManagementFactory.getThreadMXBean().getThreadCount();
        for (var call : calls) {
            HttpResponse<String> answer = call.get();
            assertEquals(200, answer.statusCode(), answer.body());
        }
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        callers.shutdownNow();
        assertTrue(tookMs >= DELAY_MS, "answers were delayed (took " + tookMs + " ms)");
        assertTrue(threadsWhileWaiting - threadsBefore < 50, CALLS + " waiting answers took "
                + (threadsWhileWaiting - threadsBefore) + " more threads");
    }

    private HttpRequest openAi(int i) {
        return HttpRequest.newBuilder(base.resolve("/v1/chat/completions")).header("Authorization", "Bearer k")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"model":"m","messages":[{"role":"system","content":"[devbot:plan] plan it"},
                        {"role":"user","content":"Idea: app %d"}]}""".formatted(i))).build();
    }

    private HttpRequest gemini(int i) {
        return HttpRequest.newBuilder(base.resolve("/v1beta/models/gemini-2.5-pro:generateContent"))
                .header("x-goog-api-key", "k").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"systemInstruction":{"parts":[{"text":"[devbot:plan] plan it"}]},
                        "contents":[{"role":"user","parts":[{"text":"Idea: app %d"}]}]}""".formatted(i))).build();
    }
}
