package ai.devbot.agent.metering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CallScopeTest {

    private static final ModelCall CALL = new ModelCall("gemini", "gemini-2.5-flash", "gemini-1", 10, 5, false, true,
            true, null);

    @Test
    void eventIdsFollowTheCallersRequestIdSoARepeatIsChargedOnce() {
        try (CallScope scope = CallScope.open("implement", "job-1", 7, 1L, "step-9")) {
            assertEquals("step-9#1", scope.nextEventId());
            scope.record(CALL);
            assertEquals("step-9#2", scope.nextEventId());
        }
        try (CallScope scope = CallScope.open("implement", "job-1", 7, 1L, null)) {
            assertFalse(scope.nextEventId().startsWith("step-9"));
        }
    }

    @Test
    void aModelCallOutsideAnOperationIsRefusedAndScopesDoNotNest() {
        assertThrows(IllegalStateException.class, CallScope::current);
        try (CallScope scope = CallScope.open("plan", "job-1", 7, null, null)) {
            assertThrows(IllegalStateException.class, () -> CallScope.open("plan", "job-2", 7, null, null));
        }
        CallScope.open("plan", "job-3", 7, null, null).close();
    }
}
