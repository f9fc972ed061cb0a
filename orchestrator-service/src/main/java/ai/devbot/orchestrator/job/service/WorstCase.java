package ai.devbot.orchestrator.job.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import ai.devbot.orchestrator.client.agent.Agent;
import ai.devbot.orchestrator.client.agent.AgentRecords;
import ai.devbot.orchestrator.client.billing.Billing;
import ai.devbot.orchestrator.client.billing.BillingRecords;
import ai.devbot.orchestrator.config.OrchestratorConfig;

/**
 * The most credits one model operation can cost, so a step holds that before it calls and no plan,
 * change request or task can drive a balance below zero: agent-service's token bounds for the
 * operation (its prompts, the request's bytes, max-tokens, one correction) at billing's current price.
 * Bounds and prices are cached for a minute; when either service cannot say, the configured estimate
 * stands (and the step's own reservation still refuses what the balance cannot cover).
 */
@ApplicationScoped
public class WorstCase {

    private static final Logger LOG = Logger.getLogger(WorstCase.class);
    private static final Duration FRESH = Duration.ofMinutes(1);

    private record Cached<T>(T value, Instant at) {
        boolean fresh() {
            return at.plus(FRESH).isAfter(Instant.now());
        }
    }

    private final Agent agent;
    private final Billing billing;
    private final OrchestratorConfig.Jobs jobs;
    /** Per tier ("" for the default): each tier's models have their own token bounds and prices. */
    private final Map<String, Cached<Map<String, AgentRecords.Limit>>> limits = new ConcurrentHashMap<>();
    private final Map<String, Cached<BillingRecords.Price>> prices = new ConcurrentHashMap<>();

    WorstCase(Agent agent, Billing billing, OrchestratorConfig config) {
        this.agent = agent;
        this.billing = billing;
        this.jobs = config.jobs();
    }

    /**
     * One task attempt at its worst: the implementer with a full context, the sandbox run and the review (which
     * reads the task's diff besides the context). Each part falls back to its configured estimate when unknown.
     */
    public long attempt(String tier) {
        long contextBytes = 4L * jobs.contextBudgetTokens();
        long implement = orEstimate(credits("implement", contextBytes, tier), jobs.estimate().implement());
        long review = orEstimate(credits("review", 2 * contextBytes, tier), jobs.estimate().review());
        return implement + review + (jobs.runChecks() ? jobs.estimate().check() : 0);
    }

    /**
     * The task credit cap with the tier's models: the configured cap (which is the default tier's) scaled by how
     * much one attempt costs at worst in the tier against the default, so a task gets as many attempts in any
     * tier. The configured cap when either cannot be said now.
     */
    public long taskCreditCap(String tier) {
        if (tier == null) {
            return jobs.taskCreditCap();
        }
        long standard = attempt(null);
        long chosen = attempt(tier);
        return standard <= 0 ? jobs.taskCreditCap()
                : Math.max(1, Math.round(jobs.taskCreditCap() * ((double) chosen / standard)));
    }

    private static long orEstimate(long worst, long estimate) {
        return worst > 0 ? worst : estimate;
    }

    /**
     * The worst-case credits of {@code operation} for a request of {@code requestBytes} with the tier's models
     * ({@code tier} null: the default), or 0 when unknown.
     */
    public long credits(String operation, long requestBytes, String tier) {
        try {
            AgentRecords.Limit limit = limits(tier).get(operation);
            if (limit == null) {
                return 0;
            }
            return credits(limit, price(limit.provider(), limit.model()), requestBytes);
        } catch (RuntimeException e) {
            // Unreachable, an older agent without /limits, or bounds that overflow: never a reason to fail the step.
            LOG.warnf("the worst case of %s is unknown now (%s); holding the configured estimate", operation,
                    e.getMessage());
            return 0;
        }
    }

    /** Exact arithmetic: an overflow throws instead of wrapping round to a small hold. */
    static long credits(AgentRecords.Limit limit, BillingRecords.Price price, long requestBytes) {
        long input = Math.addExact(limit.fixedInputTokens(),
                Math.multiplyExact((long) limit.inputTokensPerRequestByte(), requestBytes));
        long perMillion = Math.addExact(Math.multiplyExact(input, price.inputPerMillion()),
                Math.multiplyExact(limit.maxOutputTokens(), price.outputPerMillion()));
        return Math.addExact(perMillion, 999_999) / 1_000_000;
    }

    private Map<String, AgentRecords.Limit> limits(String tier) {
        String key = tier == null ? "" : tier;
        Cached<Map<String, AgentRecords.Limit>> cached = limits.get(key);
        if (cached == null || !cached.fresh()) {
            cached = new Cached<>(agent.limits(tier).stream()
                    .collect(Collectors.toMap(AgentRecords.Limit::operation, Function.identity())), Instant.now());
            limits.put(key, cached);
        }
        return cached.value();
    }

    private BillingRecords.Price price(String provider, String model) {
        String key = provider + "/" + model;
        Cached<BillingRecords.Price> cached = prices.get(key);
        if (cached == null || !cached.fresh()) {
            cached = new Cached<>(billing.price(provider, model), Instant.now());
            prices.put(key, cached);
        }
        return cached.value();
    }
}
