package ai.devbot.gateway.reply.service;

/**
 * A token bucket that hands out reservations: {@link #reserve} takes a token now or in the
 * future and says how long the caller must wait for it, so callers are paced without threads.
 */
final class TokenBucket {

    private final double tokensPerNano;
    private final double capacity;
    private double tokens;
    private long updatedAt;

    TokenBucket(double perSecond, double capacity, long now) {
        this.tokensPerNano = perSecond / 1_000_000_000d;
        this.capacity = capacity;
        this.tokens = capacity;
        this.updatedAt = now;
    }

    /** Takes one token; returns the nanoseconds until it is really available (0: now). */
    synchronized long reserve(long now) {
        refill(now);
        tokens -= 1;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / tokensPerNano);
    }

    /** Full again: forgetting this bucket changes nothing. */
    synchronized boolean isFull(long now) {
        refill(now);
        return tokens >= capacity;
    }

    private void refill(long now) {
        tokens = Math.min(capacity, tokens + (now - updatedAt) * tokensPerNano);
        updatedAt = now;
    }
}
