package ai.devbot.orchestrator.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InFlightTest {

    @Test
    void admitsUpToItsLimitAndTheNextWhenOneLeaves() {
        InFlight inFlight = new InFlight(2);
        assertTrue(inFlight.enter().toCompletableFuture().isDone());
        assertTrue(inFlight.enter().toCompletableFuture().isDone());
        var third = inFlight.enter().toCompletableFuture();
        assertFalse(third.isDone());
        inFlight.leave();
        assertTrue(third.isDone());
        assertEquals(2, inFlight.running());
        inFlight.leave();
        inFlight.leave();
        assertEquals(0, inFlight.running());
    }
}
