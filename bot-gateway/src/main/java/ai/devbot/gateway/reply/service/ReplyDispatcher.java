package ai.devbot.gateway.reply.service;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import ai.devbot.gateway.config.GatewayConfig;
import ai.devbot.gateway.reply.BotReply;
import ai.devbot.gateway.support.RecentMap;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Performs replies in one lane per chat: a chat's replies go out strictly in the order they came,
 * one at a time, while every other chat's lane moves on its own — a chat waiting out Telegram's
 * flood control holds up nobody else. Bounded: beyond {@code maxPending} the consumer is slowed. Once
 * a lane holds {@code coalesceAfter} waiting replies, a new status edit replaces the earlier edits of the
 * same status message still waiting there (they are acknowledged as superseded): a chat held up by flood
 * control catches up with the newest status instead of replaying every step, while a chat that keeps up
 * sees every step.
 */
@ApplicationScoped
public class ReplyDispatcher {

    private static final Logger LOG = Logger.getLogger(ReplyDispatcher.class);
    private static final CompletableFuture<Void> NOW = CompletableFuture.completedFuture(null);

    /** {@code room}: when the next reply may be submitted; {@code done}: when this one is performed or failed. */
    public record Submission(CompletionStage<Void> room, CompletionStage<Void> done) {
    }

    private record Job(BotReply reply, CompletableFuture<Void> done) {
    }

    private static final class Lane {
        final Deque<Job> queue = new ArrayDeque<>();
        boolean busy;
        /** A "skipped older updates" notice is waiting in this lane (one at a time). */
        boolean noticeWaiting;
    }

    private static final String NOTICE_PREFIX = "gateway-skipped-";
    public static final String SKIPPED_NOTICE = "⚠️ This chat fell behind, so I skipped some older updates. /status shows "
            + "where things stand.";
    /** Never dropped from a backlog: payments, button answers and downloads must happen. */
    private static final Set<BotReply.Kind> KEPT = EnumSet.of(BotReply.Kind.INVOICE,
            BotReply.Kind.PRE_CHECKOUT_ANSWER, BotReply.Kind.CALLBACK_ANSWER, BotReply.Kind.DOCUMENT);

    private final ReplyPerformer performer;
    private final RecentMap<String, Boolean> performed;
    private final Map<Long, Lane> lanes = new ConcurrentHashMap<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final int maxPending;
    private final int coalesceAfter;
    private final int maxPerChat;
    private final MeterRegistry metrics;
    private volatile CompletableFuture<Void> roomWaiter;

    ReplyDispatcher(ReplyPerformer performer, GatewayConfig config, MeterRegistry metrics) {
        this.performer = performer;
        this.performed = new RecentMap<>(config.egress().rememberedReplies());
        this.maxPending = config.egress().maxPending();
        this.coalesceAfter = config.egress().coalesceAfter();
        this.maxPerChat = config.egress().maxPerChat();
        this.metrics = metrics;
        metrics.gauge("devbot.gateway.replies.pending", pending);
    }

    public Submission submit(BotReply reply) {
        var done = new CompletableFuture<Void>();
        if (performed.containsKey(reply.replyId())) {
            count(reply, "duplicate");
            done.complete(null);
            return new Submission(NOW, done);
        }
        pending.incrementAndGet();
        boolean start;
        Lane lane;
        List<Job> superseded = new ArrayList<>();
        synchronized (lanes) {
            lane = lanes.computeIfAbsent(reply.chatId(), id -> new Lane());
            if (isStatusEdit(reply) && lane.queue.size() >= coalesceAfter) {
                // A backlog never replays a status message's history: only its newest text is still worth sending.
                lane.queue.removeIf(queued -> isStatusEdit(queued.reply())
                        && queued.reply().statusKey().equals(reply.statusKey()) && superseded.add(queued));
            }
            if (lane.queue.size() >= maxPerChat) {
                dropOldest(lane, reply, superseded);
            }
            lane.queue.add(new Job(reply, done));
            start = !lane.busy;
            lane.busy = true;
        }
        for (Job old : superseded) {
            pending.decrementAndGet();
            count(old.reply(), isStatusEdit(old.reply()) && isStatusEdit(reply)
                    && old.reply().statusKey().equals(reply.statusKey()) ? "superseded" : "dropped");
            old.done().complete(null);
        }
        if (start) {
            next(reply.chatId(), lane);
        }
        return new Submission(room(), done);
    }

    /**
     * A chat's backlog is bounded: the oldest waiting reply that may go (a chat action, an edit, a message —
     * never an invoice, a button answer or a document) is dropped, and one notice at the end of the lane
     * tells the user. One chat's backlog thereby never fills the dispatcher for everyone.
     */
    private void dropOldest(Lane lane, BotReply incoming, List<Job> dropped) {
        for (var it = lane.queue.iterator(); it.hasNext();) {
            Job waiting = it.next();
            if (!KEPT.contains(waiting.reply().kind()) && !waiting.reply().replyId().startsWith(NOTICE_PREFIX)) {
                it.remove();
                dropped.add(waiting);
                break;
            }
        }
        if (!lane.noticeWaiting) {
            lane.noticeWaiting = true;
            pending.incrementAndGet();
            lane.queue.add(new Job(new BotReply(NOTICE_PREFIX + incoming.chatId() + "-" + System.nanoTime(), null,
                    incoming.chatId(), incoming.threadId(), BotReply.Kind.MESSAGE, SKIPPED_NOTICE, null, null, null,
                    null, null, null, null, null, null), new CompletableFuture<>()));
        }
    }

    private static boolean isStatusEdit(BotReply reply) {
        return reply.kind() == BotReply.Kind.EDIT && reply.statusKey() != null && reply.messageId() == null;
    }

    private CompletionStage<Void> room() {
        if (pending.get() < maxPending) {
            return NOW;
        }
        var waiter = new CompletableFuture<Void>();
        roomWaiter = waiter;
        if (pending.get() < maxPending) {
            waiter.complete(null);
        }
        return waiter;
    }

    private void next(long chatId, Lane lane) {
        Job job;
        synchronized (lanes) {
            job = lane.queue.poll();
            if (job != null && job.reply().replyId().startsWith(NOTICE_PREFIX)) {
                lane.noticeWaiting = false;
            }
            if (job == null) {
                lane.busy = false;
                lanes.remove(chatId, lane);
                return;
            }
        }
        if (performed.containsKey(job.reply().replyId())) {
            // The same reply was queued twice before the first copy went out.
            finish(chatId, lane, job, "duplicate", null);
            return;
        }
        Uni.createFrom().deferred(() -> performer.perform(job.reply())).subscribe().with(
                ok -> finish(chatId, lane, job, "performed", null),
                failure -> finish(chatId, lane, job, "failed", failure));
    }

    private void finish(long chatId, Lane lane, Job job, String outcome, Throwable failure) {
        if (failure == null) {
            performed.put(job.reply().replyId(), Boolean.TRUE);
        } else {
            LOG.warnf("reply %s (%s) to chat %d failed: %s", job.reply().replyId(), job.reply().kind(), chatId,
                    failure.getMessage());
        }
        count(job.reply(), outcome);
        if (pending.decrementAndGet() < maxPending) {
            var waiter = roomWaiter;
            if (waiter != null) {
                waiter.complete(null);
            }
        }
        if (failure == null) {
            job.done().complete(null);
        } else {
            job.done().completeExceptionally(failure);
        }
        // Next in this chat on another turn of the executor: no recursion, however long the queue.
        Infrastructure.getDefaultExecutor().execute(() -> next(chatId, lane));
    }

    private void count(BotReply reply, String outcome) {
        metrics.counter("devbot.gateway.replies", "kind", reply.kind().name(), "outcome", outcome).increment();
    }
}
