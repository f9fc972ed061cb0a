package ai.devbot.sandbox.runner;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drains one output stream of a command, keeping only its last {@code capacity} bytes and counting every byte
 * into a counter shared by the command's streams, so a command printing gigabytes costs a fixed amount of memory
 * and is stopped once the shared count passes the limit.
 */
public final class StreamTail {

    private final byte[] ring;
    private long written;

    public StreamTail(int capacity) {
        this.ring = new byte[capacity];
    }

    /** Reads until end of stream; calls {@code overLimit} once when the shared counter passes {@code limit}. */
    public void drain(InputStream in, AtomicLong shared, long limit, Runnable overLimit) throws IOException {
        byte[] buffer = new byte[8192];
        boolean signalled = false;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            append(buffer, n);
            long total = shared.addAndGet(n);
            if (!signalled && total > limit) {
                signalled = true;
                overLimit.run();
            }
        }
    }

    synchronized void append(byte[] data, int length) {
        int cap = ring.length;
        // Of a chunk longer than the ring only its last cap bytes can survive.
        int from = Math.max(0, length - cap);
        for (int i = from; i < length && cap > 0; i++) {
            ring[(int) ((written + i) % cap)] = data[i];
        }
        written += length;
    }

    /** The kept end as text; a character cut at the start is dropped, invalid bytes become U+FFFD. */
    public synchronized String text() {
        int cap = ring.length;
        int size = (int) Math.min(written, cap);
        byte[] out = new byte[size];
        long start = written - size;
        for (int i = 0; i < size; i++) {
            out[i] = ring[(int) ((start + i) % cap)];
        }
        int skip = 0;
        if (written > cap) {
            while (skip < size && skip < 3 && (out[skip] & 0xC0) == 0x80) {
                skip++;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(out, skip, size - skip)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalStateException(e);
        }
    }

    public synchronized long written() {
        return written;
    }

    /** Whether the kept text is only the end of what was written. */
    public synchronized boolean truncated() {
        return written > ring.length;
    }
}
