package ai.devbot.agent.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

class ApiKeyPoolTest {

    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-11-26T10:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    final MovableClock clock = new MovableClock();
    final ApiKeyPool pool = new ApiKeyPool("openrouter", List.of("sk-or-aaaa", "sk-or-bbbb", " ", "sk-or-cccc"), clock);

    @Test
    void keysAreHandedOutRoundRobinByAlias() {
        assertEquals(List.of("openrouter-1", "openrouter-2", "openrouter-3", "openrouter-1"),
                List.of(pool.lease().alias(), pool.lease().alias(), pool.lease().alias(), pool.lease().alias()));
    }

    @Test
    void aRateLimitedKeyRestsAndComesBack() {
        pool.rest("openrouter-2", Duration.ofSeconds(30));
        assertEquals(List.of("openrouter-1", "openrouter-3", "openrouter-1"),
                List.of(pool.lease().alias(), pool.lease().alias(), pool.lease().alias()));
        clock.now = clock.now.plusSeconds(31);
        assertTrue(List.of(pool.lease().alias(), pool.lease().alias(), pool.lease().alias()).contains("openrouter-2"));
    }

    @Test
    void withNoUsableKeyTheCallFailsAtOnceAndSaysWhyWithoutTheKeys() {
        pool.disable("openrouter-1", "HTTP 401");
        pool.disable("openrouter-2", "HTTP 403");
        pool.rest("openrouter-3", Duration.ofSeconds(20));
        var failure = assertThrows(NoUsableKeyException.class, pool::lease);
        assertTrue(failure.getMessage().contains("2 of 3 keys disabled"), failure.getMessage());
        assertTrue(failure.getMessage().contains("20 s"), failure.getMessage());
        assertFalse(failure.getMessage().contains("sk-or"));
        assertTrue(pool.hasUsableKeys(), "a resting key will come back");
        assertEquals("disabled", pool.states().get(0).state());
        assertFalse(pool.states().toString().contains("sk-or"));
        clock.now = clock.now.plusSeconds(21);
        assertFalse(pool.lease().toString().contains("sk-or"), "a lease prints as its alias");
    }

    @Test
    void aPoolWithoutKeysSaysSo() {
        var empty = new ApiKeyPool("gemini", List.of(), clock);
        assertTrue(assertThrows(NoUsableKeyException.class, empty::lease).getMessage().contains("no keys are configured"));
        assertFalse(empty.hasUsableKeys());
    }

    @Test
    void aRefusedKeyIsReCheckedOnceAfterItsPeriodAndComesBackWhenItWorks() {
        var pool = new ApiKeyPool("gemini", List.of("g-1", "g-2"), clock, Duration.ofMinutes(10));
        pool.disable("gemini-1", "HTTP 401");
        assertEquals(List.of("gemini-2", "gemini-2", "gemini-2"),
                List.of(pool.lease().alias(), pool.lease().alias(), pool.lease().alias()));
        assertEquals(1, pool.disabledCount());
        clock.now = clock.now.plus(Duration.ofMinutes(11));
        List<String> after = List.of(pool.lease().alias(), pool.lease().alias(), pool.lease().alias());
        assertEquals(1, after.stream().filter("gemini-1"::equals).count(), "one probe, not a stampede: " + after);
        pool.disable("gemini-1", "HTTP 401");
        clock.now = clock.now.plus(Duration.ofMinutes(11));
        String probe = List.of(pool.lease().alias(), pool.lease().alias()).contains("gemini-1") ? "gemini-1" : null;
        assertEquals("gemini-1", probe);
        pool.worked("gemini-1");
        assertEquals(0, pool.disabledCount());
        assertEquals("ready", pool.states().get(0).state());
    }
}
