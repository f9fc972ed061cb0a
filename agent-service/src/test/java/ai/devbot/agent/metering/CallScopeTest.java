package ai.devbot.agent.metering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class CallScopeTest {

    private static final ModelCall CALL = new ModelCall("gemini", "gemini-2.5-flash", "gemini-1", 10, 5, false, true,
            true, null);

    @Test
    void eventIdsFollowTheCallersRequestIdSoARepeatIsChargedOnce() {
        CallScope scope = CallScope.of("implement", "job-1", 7, 1L, "step-9");
        assertEquals("step-9#1", scope.record(CALL, Instant.EPOCH).eventId());
        assertEquals("step-9#2", scope.record(CALL, Instant.EPOCH).eventId());
        assertEquals(2, scope.calls().size());
        assertFalse(CallScope.of("implement", "job-1", 7, 1L, null).record(CALL, Instant.EPOCH).eventId()
                .startsWith("step-9"));
    }

    @Test
    void callsRecordedFromManyThreadsAtOnceGetDistinctNumbers() throws Exception {
        CallScope scope = CallScope.of("plan", "job-1", 7, null, "step-1");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        var ids = java.util.concurrent.ConcurrentHashMap.<String>newKeySet();
        for (int i = 0; i < 400; i++) {
            pool.execute(() -> ids.add(scope.record(CALL, Instant.EPOCH).eventId()));
        }
        pool.shutdown();
        pool.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(400, ids.size());
        assertEquals(400, scope.calls().size());
    }
}
