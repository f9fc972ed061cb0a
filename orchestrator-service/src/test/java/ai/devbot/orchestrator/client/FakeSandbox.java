package ai.devbot.orchestrator.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

import ai.devbot.orchestrator.support.FakeHttpService;

/**
 * sandbox-service as the orchestrator calls it: every run answers PASSED after {@link #RUN_MILLIS} on a timer
 * (the fake holds no thread per run either); a run id starting {@code busy-} answers 503 once, then runs.
 */
public class FakeSandbox extends FakeHttpService {

    static final long RUN_MILLIS = 2_000;
    static final AtomicInteger requests = new AtomicInteger();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final Map<String, Boolean> refusedOnce = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    protected void serve(HttpServer server) {
        server.createContext("/api/v1/runs", exchange -> {
            requests.incrementAndGet();
            String body = new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            String runId = body.replaceAll("(?s).*\"runId\"\\s*:\\s*\"([^\"]+)\".*", "$1");
            if (runId.startsWith("busy-") && refusedOnce.putIfAbsent(runId, true) == null) {
                answer(exchange, 503, "application/json", "{\"error\":\"the sandbox is busy\"}");
                return;
            }
            timer.schedule(() -> {
                try {
                    answer(exchange, 200, "application/json", """
                            {"runId":"%s","status":"PASSED","commands":[],"sandboxMillis":%d}""".formatted(runId,
                            RUN_MILLIS));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, RUN_MILLIS, TimeUnit.MILLISECONDS);
        });
    }

    @Override
    protected Map<String, String> pointAt(String url) {
        return Map.of("quarkus.rest-client.sandbox.url", url);
    }

    @Override
    public void stop() {
        timer.shutdownNow();
        super.stop();
    }
}
