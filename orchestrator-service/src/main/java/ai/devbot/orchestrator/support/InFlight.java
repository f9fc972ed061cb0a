package ai.devbot.orchestrator.support;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A bound on work in flight without blocking anyone: {@link #enter()} completes at once while there is room,
 * otherwise when some work {@link #leave() left}. A Kafka consumer returns it, so the broker's records wait in
 * Kafka instead of piling up in memory.
 */
public final class InFlight {

    private final int limit;
    private final Queue<CompletableFuture<Void>> waiting = new ArrayDeque<>();
    private int running;

    public InFlight(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the limit must be at least 1");
        }
        this.limit = limit;
    }

    public synchronized CompletionStage<Void> enter() {
        if (running < limit) {
            running++;
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> turn = new CompletableFuture<>();
        waiting.add(turn);
        return turn;
    }

    public void leave() {
        CompletableFuture<Void> next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                running--;
            }
        }
        if (next != null) {
            next.complete(null);
        }
    }

    public synchronized int running() {
        return running;
    }
}
