package ai.devbot.simulator.telegram.world;

import java.util.HashMap;
import java.util.Map;

import ai.devbot.simulator.telegram.api.BotApiException;

/**
 * Telegram's flood control as token buckets: one per chat and one for the whole bot. A send that
 * finds a bucket empty gets 429 with the whole seconds until a token is back.
 */
final class RateLimiter {

    record Limits(boolean enabled, double perChatPerSecond, int perChatBurst, double globalPerSecond, int globalBurst) {
    }

    private static final class Bucket {
        double tokens;
        long refilledAtNanos;

        Bucket(int capacity, long now) {
            tokens = capacity;
            refilledAtNanos = now;
        }

        void refill(double perSecond, int capacity, long now) {
            tokens = Math.min(capacity, tokens + (now - refilledAtNanos) / 1e9 * perSecond);
            refilledAtNanos = now;
        }

        int secondsUntilToken(double perSecond) {
            return (int) Math.max(1, Math.ceil((1 - tokens) / perSecond));
        }
    }

    private Limits limits;
    private Bucket global;
    private final Map<Long, Bucket> perChat = new HashMap<>();

    RateLimiter(Limits limits) {
        configure(limits);
    }

    synchronized void configure(Limits newLimits) {
        limits = newLimits;
        global = null;
        perChat.clear();
    }

    synchronized Limits limits() {
        return limits;
    }

    synchronized void acquire(long chatId) {
        if (!limits.enabled()) {
            return;
        }
        long now = System.nanoTime();
        if (global == null) {
            global = new Bucket(limits.globalBurst(), now);
        }
        Bucket chat = perChat.computeIfAbsent(chatId, id -> new Bucket(limits.perChatBurst(), now));
        global.refill(limits.globalPerSecond(), limits.globalBurst(), now);
        chat.refill(limits.perChatPerSecond(), limits.perChatBurst(), now);
        if (chat.tokens < 1) {
            throw BotApiException.tooManyRequests(chat.secondsUntilToken(limits.perChatPerSecond()));
        }
        if (global.tokens < 1) {
            throw BotApiException.tooManyRequests(global.secondsUntilToken(limits.globalPerSecond()));
        }
        chat.tokens -= 1;
        global.tokens -= 1;
    }
}
