package ai.devbot.agent.metering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

class CallScopeTest {

    private static final ModelCall CALL = new ModelCall("gemini", "gemini-2.5-flash", "gemini-1", 10, 5, false, true,
            true, null);

    @Test
    void closingWaitsUntilEveryUsageEventIsAcknowledged() {
        ScheduledExecutorService kafka = Executors.newSingleThreadScheduledExecutor();
        AtomicBoolean acknowledged = new AtomicBoolean();
        try {
            CallScope scope = CallScope.open("review", "job-1", 7, 1L, "call-1");
            CompletableFuture<Void> ack = new CompletableFuture<>();
            scope.record(CALL, ack);
            kafka.schedule(() -> {
                acknowledged.set(true);
                ack.complete(null);
            }, 200, TimeUnit.MILLISECONDS);
            scope.close();
            assertTrue(acknowledged.get(), "close returned before Kafka acknowledged the usage event");
        } finally {
            kafka.shutdownNow();
        }
    }

    @Test
    void aRefusedUsageEventFailsTheOperation() {
        CallScope scope = CallScope.open("review", "job-1", 7, 1L, "call-1");
        scope.record(CALL, CompletableFuture.failedFuture(new IllegalStateException("broker refused")));
        CompletionException failure = assertThrows(CompletionException.class, scope::close);
        assertEquals("broker refused", failure.getCause().getMessage());
        // The thread is free for the next operation even so.
        CallScope.open("plan", "job-2", 7, 1L, null).close();
    }

    @Test
    void eventIdsFollowTheCallersRequestIdSoARepeatIsChargedOnce() {
        try (CallScope scope = CallScope.open("implement", "job-1", 7, 1L, "step-9")) {
            assertEquals("step-9#1", scope.nextEventId());
            scope.record(CALL, CompletableFuture.completedFuture(null));
            assertEquals("step-9#2", scope.nextEventId());
        }
        try (CallScope scope = CallScope.open("implement", "job-1", 7, 1L, null)) {
            assertFalse(scope.nextEventId().startsWith("step-9"));
        }
    }
}
