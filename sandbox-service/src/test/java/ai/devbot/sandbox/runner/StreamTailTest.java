package ai.devbot.sandbox.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class StreamTailTest {

    static StreamTail drained(String text, int capacity, AtomicLong shared, long limit, AtomicInteger signals)
            throws Exception {
        StreamTail tail = new StreamTail(capacity);
        tail.drain(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), shared, limit, signals::incrementAndGet);
        return tail;
    }

    @Test
    void shortOutputIsKeptWhole() throws Exception {
        StreamTail tail = drained("hello\n", 16, new AtomicLong(), 100, new AtomicInteger());
        assertEquals("hello\n", tail.text());
        assertFalse(tail.truncated());
    }

    @Test
    void longOutputKeepsItsEndAndCountsEveryByte() throws Exception {
        String text = "0123456789".repeat(5000) + "THE END";
        AtomicLong shared = new AtomicLong();
        StreamTail tail = drained(text, 10, shared, Long.MAX_VALUE, new AtomicInteger());
        assertEquals("789THE END", tail.text());
        assertEquals(text.length(), tail.written());
        assertEquals(text.length(), shared.get());
        assertTrue(tail.truncated());
    }

    @Test
    void aCharacterCutAtTheStartOfTheTailIsDropped() throws Exception {
        StreamTail tail = drained("ab€€", 5, new AtomicLong(), 100, new AtomicInteger());
        assertEquals("€", tail.text().replace("\uFFFD", ""));
        assertFalse(tail.text().startsWith("\uFFFD"));
    }

    @Test
    void theLimitSignalsOnceForTheStreamsTogether() throws Exception {
        AtomicLong shared = new AtomicLong(900);
        AtomicInteger signals = new AtomicInteger();
        drained("x".repeat(50_000), 10, shared, 1000, signals);
        assertEquals(1, signals.get());
    }
}
