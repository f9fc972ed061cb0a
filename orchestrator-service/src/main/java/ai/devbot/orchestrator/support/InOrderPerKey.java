package ai.devbot.orchestrator.support;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/**
 * Runs asynchronous work one at a time per key, in the order it was submitted; different keys run at once.
 * Nothing waits on a thread: each piece starts on {@code executor} when the one before it for its key ended
 * (however it ended), and a key is forgotten once its last piece ended.
 */
public final class InOrderPerKey {

    private final Executor executor;
    private final ConcurrentHashMap<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

    public InOrderPerKey(Executor executor) {
        this.executor = executor;
    }

    /** Queues {@code work} behind the key's earlier work and starts it; the stage ends when the work did. */
    public <T> CompletableFuture<T> submit(String key, Supplier<Uni<? extends T>> work) {
        CompletableFuture<Void> ended = new CompletableFuture<>();
        CompletableFuture<?>[] before = new CompletableFuture<?>[1];
        tails.compute(key, (k, tail) -> {
            before[0] = tail;
            return ended;
        });
        Uni<Void> turn = before[0] == null ? Uni.createFrom().voidItem()
                : Uni.createFrom().completionStage(before[0]).replaceWithVoid();
        Uni<T> run = turn.emitOn(executor).chain(ignored -> Uni.createFrom().<T>deferred(work));
        return run
                .eventually(() -> {
                    tails.remove(key, ended);
                    ended.complete(null);
                })
                .subscribeAsCompletionStage();
    }

    /** Keys with work queued or running (for tests and metrics). */
    public int busyKeys() {
        return tails.size();
    }
}
