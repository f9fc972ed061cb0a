package ai.devbot.orchestrator.quote;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import ai.devbot.orchestrator.client.billing.Billing;
import ai.devbot.orchestrator.client.billing.BillingRecords;
import ai.devbot.orchestrator.config.OrchestratorConfig;
import ai.devbot.orchestrator.job.service.WorstCase;
import ai.devbot.orchestrator.tier.Tiers;

/**
 * What implementing some tasks will likely cost, before any of it starts: per task, the range real tasks have
 * spent (billing's charges: the 10th to the 90th percentile of one task's attempts in one job) once there are
 * enough of them; until then from a small share of one attempt's worst case up to every attempt at its worst
 * case (agent-service's token bounds at billing's prices) — wide, and honest about knowing little. Never above the task credit cap, which stops a task anyway. In credits and in
 * Stars at the smallest pack's rate, with the user's available balance.
 */
@ApplicationScoped
public class Quotes {

    /** Below this many measured tasks the history says too little, and the worst-case defaults stand. */
    static final int MIN_HISTORY = 20;
    /**
     * Before any history, the low end: the worst case assumes the longest answers and the largest requests, and
     * one attempt usually costs a few percent of it (a real task of ~6k tokens in and ~2k out both ways is under
     * a tenth; the simulator's answers are far shorter still).
     */
    static final double FIRST_ESTIMATE_LOW_SHARE = 0.05;
    private static final Duration FRESH = Duration.ofMinutes(1);
    private static final Logger LOG = Logger.getLogger(Quotes.class);

    /** One task's spend: what quotes are made of. */
    record PerTask(long low, long high, boolean measured) {
    }

    private record Cached(BillingRecords.TaskSpend spend, double creditsPerStar, Instant at) {
    }

    private final Billing billing;
    private final WorstCase worstCase;
    private final Tiers tiers;
    private final OrchestratorConfig.Jobs jobs;
    /** Per tier ("" for the default): each tier's history is its implementer's. */
    private final Map<String, Cached> history = new ConcurrentHashMap<>();

    Quotes(Billing billing, WorstCase worstCase, Tiers tiers, OrchestratorConfig config) {
        this.billing = billing;
        this.worstCase = worstCase;
        this.tiers = tiers;
        this.jobs = config.jobs();
    }

    /** The quote, or empty when billing cannot be asked now: a quote informs, it never stops work. */
    public Optional<Quote> tryFor(long userId, int tasks, String tier) {
        try {
            return Optional.of(forTasks(userId, tasks, tier));
        } catch (RuntimeException e) {
            LOG.warnf("no quote for user %d now: %s", userId, e.getMessage());
            return Optional.empty();
        }
    }

    /** The quote for implementing {@code tasks} tasks for this user with the tier's models (null: the default). */
    public Quote forTasks(long userId, int tasks, String tier) {
        Cached cached = cached(tier);
        PerTask perTask = perTask(cached.spend(), worstCase.attempt(tier), jobs.maxAttempts(),
                worstCase.taskCreditCap(tier));
        long available = billing.account(userId).map(BillingRecords.Account::available).orElse(0L);
        return new Quote(tasks, perTask.low() * tasks, perTask.high() * tasks, perTask.measured(), available,
                cached.creditsPerStar());
    }

    /** Pure: the measured range when there is enough history, else one attempt typical to every attempt worst. */
    static PerTask perTask(BillingRecords.TaskSpend history, long attemptWorstCase, int maxAttempts, long cap) {
        if (history != null && history.tasks() >= MIN_HISTORY) {
            return new PerTask(Math.min(history.p10(), cap), Math.min(Math.max(history.p90(), history.p10()), cap), true);
        }
        long high = Math.min(cap, Math.multiplyExact(attemptWorstCase, (long) maxAttempts));
        return new PerTask(Math.min(high, Math.round(attemptWorstCase * FIRST_ESTIMATE_LOW_SHARE)), high, false);
    }

    /** The tier's history and the Star rate, read at most once a minute: a quote answers in milliseconds. */
    private Cached cached(String tier) {
        String key = tier == null ? "" : tier;
        Cached cached = history.get(key);
        if (cached == null || cached.at().plus(FRESH).isBefore(Instant.now())) {
            BillingRecords.TaskSpend spend;
            try {
                // Tasks implemented with this tier's implementer; all tasks when the tiers are unknown now.
                spend = billing.taskSpend(tiers.find(tier).map(found -> found.implementer().model()).orElse(null));
            } catch (RuntimeException e) {
                // Billing cannot say now: the worst-case defaults still make an honest quote.
                LOG.warnf("task spend history unavailable (%s); quoting from the worst cases", e.getMessage());
                spend = null;
            }
            cached = new Cached(spend, creditsPerStar(), Instant.now());
            history.put(key, cached);
        }
        return cached;
    }

    /** Credits a Star buys in the smallest pack (what a user buying now pays); 0 when no pack is on sale. */
    private double creditsPerStar() {
        try {
            List<BillingRecords.Pack> packs = billing.packs();
            return packs.stream().filter(pack -> pack.stars() > 0).min(Comparator.comparingInt(BillingRecords.Pack::stars))
                    .map(pack -> (double) pack.credits() / pack.stars()).orElse(0.0);
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
