package ai.devbot.orchestrator.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import ai.devbot.orchestrator.client.sandbox.Sandbox;
import ai.devbot.orchestrator.client.sandbox.SandboxRecords;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

/**
 * A sandbox run takes seconds to minutes: it is awaited without a thread (docs/adr/0012), so many runs at once
 * do not take a worker each, and a busy sandbox (5xx) is asked again.
 */
@QuarkusTest
@QuarkusTestResource(value = FakeSandbox.class, restrictToAnnotatedClass = true)
class SandboxRunsTest {

    private static final int RUNS = 40;

    @Inject
    Sandbox sandbox;

    @Test
    void manyRunsAtOnceHoldNoThreadEach() {
        int before = ManagementFactory.getThreadMXBean().getThreadCount();
        List<Uni<SandboxRecords.RunResult>> runs = IntStream.range(0, RUNS)
                .mapToObj(i -> sandbox.run(request("many-" + System.nanoTime() + "-" + i))).toList();
        int peak = before;
        long until = System.nanoTime() + Duration.ofMillis(FakeSandbox.RUN_MILLIS / 2).toNanos();
        List<SandboxRecords.RunResult> results;
        var all = Uni.join().all(runs).andFailFast().subscribeAsCompletionStage();
        while (System.nanoTime() < until) {
            peak = Math.max(peak, ManagementFactory.getThreadMXBean().getThreadCount());
            Thread.onSpinWait();
        }
        results = all.toCompletableFuture().join();

        assertEquals(RUNS, results.size());
        assertTrue(results.stream().allMatch(SandboxRecords.RunResult::passed));
        assertTrue(peak - before < 20, RUNS + " runs waiting took " + (peak - before) + " more threads");
    }

    @Test
    void aBusySandboxIsAskedAgain() {
        int before = FakeSandbox.requests.get();

        SandboxRecords.RunResult run = sandbox.run(request("busy-" + System.nanoTime())).await()
                .atMost(Duration.ofSeconds(30));

        assertTrue(run.passed());
        assertEquals(2, FakeSandbox.requests.get() - before, "refused once with 503, then run");
    }

    private static SandboxRecords.RunRequest request(String runId) {
        return new SandboxRecords.RunRequest(runId, 42, 7, "job-1", Sandbox.commands("", "python3 -m pytest -q"));
    }
}
