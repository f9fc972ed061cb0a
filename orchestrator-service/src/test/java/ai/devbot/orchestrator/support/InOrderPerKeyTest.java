package ai.devbot.orchestrator.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

class InOrderPerKeyTest {

    private final ExecutorService workers = Executors.newFixedThreadPool(4);
    private final InOrderPerKey order = new InOrderPerKey(workers);

    @AfterEach
    void stop() {
        workers.shutdownNow();
    }

    @Test
    void oneKeysWorkRunsOneAtATimeInSubmissionOrderEvenWhenItWaitsAsynchronously() throws Exception {
        List<Integer> done = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        List<CompletableFuture<Integer>> all = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int n = i;
            all.add(order.submit("job-1", () -> {
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                // A wait that holds no thread, of varying length: order must not depend on it.
                return Uni.createFrom().item(n).onItem().delayIt().by(Duration.ofMillis(20 - n))
                        .invoke(() -> {
                            running.decrementAndGet();
                            done.add(n);
                        });
            }));
        }
        for (var one : all) {
            one.get(10, TimeUnit.SECONDS);
        }
        assertEquals(java.util.stream.IntStream.range(0, 20).boxed().toList(), done);
        assertEquals(1, mostAtOnce.get());
        assertEquals(0, order.busyKeys(), "a key is forgotten once its work ended");
    }

    @Test
    void differentKeysRunAtOnce() throws Exception {
        CompletableFuture<Void> release = new CompletableFuture<>();
        var first = order.submit("job-a", () -> Uni.createFrom().completionStage(release));
        var second = order.submit("job-b", () -> Uni.createFrom().item("b"));
        assertEquals("b", second.get(5, TimeUnit.SECONDS));
        assertFalse(first.isDone());
        release.complete(null);
        first.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aFailedPieceFailsItsOwnStageAndTheNextPieceStillRuns() throws Exception {
        var failing = order.submit("job-1", () -> Uni.createFrom().failure(new IllegalStateException("boom")));
        var next = order.submit("job-1", () -> Uni.createFrom().item("next"));
        assertEquals("next", next.get(5, TimeUnit.SECONDS));
        // Its stage may complete a moment after the next piece started: wait for it rather than race it.
        var failure = org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
                () -> failing.get(5, TimeUnit.SECONDS));
        assertEquals("boom", failure.getCause().getMessage());
    }

    @Test
    void workThatThrowsInsteadOfAnsweringAUniIsAFailureNotAStuckKey() throws Exception {
        var throwing = order.submit("job-1", () -> {
            throw new IllegalArgumentException("bug");
        });
        assertEquals("after", order.submit("job-1", () -> Uni.createFrom().item("after")).get(5, TimeUnit.SECONDS));
        assertTrue(throwing.isCompletedExceptionally());
    }
}
