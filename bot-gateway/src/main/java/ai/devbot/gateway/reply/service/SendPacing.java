package ai.devbot.gateway.reply.service;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import ai.devbot.gateway.config.GatewayConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Telegram's flood limits, kept before Telegram has to enforce them: about one message per
 * second per chat (after a small burst) and about 30 per second for the bot. Waiting is a timer,
 * never a blocked thread, so a slow chat never holds up another.
 */
@ApplicationScoped
class SendPacing {

    private static final long SWEEP_MILLIS = 30_000;

    private final GatewayConfig.Egress limits;
    private final TokenBucket bot;
    private final Map<Long, TokenBucket> chats = new ConcurrentHashMap<>();
    private final Vertx vertx;
    private final long sweeper;

    SendPacing(GatewayConfig config, Vertx vertx) {
        this.limits = config.egress();
        this.bot = new TokenBucket(limits.messagesPerSecond(), limits.messagesPerSecond(), System.nanoTime());
        this.vertx = vertx;
        // Buckets of quiet chats are full again and can be forgotten; keeps memory to active chats.
        this.sweeper = vertx.setPeriodic(SWEEP_MILLIS,
                tick -> chats.values().removeIf(bucket -> bucket.isFull(System.nanoTime())));
    }

    /** Completes when one more message may go to this chat. */
    Uni<Void> permit(long chatId) {
        long chatWait = chats.computeIfAbsent(chatId,
                id -> new TokenBucket(limits.chatMessagesPerSecond(), limits.chatBurst(), System.nanoTime()))
                .reserve(System.nanoTime());
        return after(chatWait).chain(() -> after(bot.reserve(System.nanoTime())));
    }

    static Uni<Void> after(long nanos) {
        return nanos <= 0 ? Uni.createFrom().voidItem()
                : Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofNanos(nanos));
    }

    @PreDestroy
    void stop() {
        vertx.cancelTimer(sweeper);
    }
}
