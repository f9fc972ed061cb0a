package ai.devbot.orchestrator.tier;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import ai.devbot.orchestrator.client.agent.Agent;
import ai.devbot.orchestrator.client.agent.AgentRecords;

/**
 * The model tiers agent-service offers (operators configure them there: each names its architect and implementer
 * models and the edit format), read at most once a minute: /model lists them, quotes look up a tier's models.
 */
@ApplicationScoped
public class Tiers {

    private static final Logger LOG = Logger.getLogger(Tiers.class);
    private static final Duration FRESH = Duration.ofMinutes(1);

    private record Cached(List<AgentRecords.Tier> tiers, Instant at) {
    }

    private final Agent agent;
    private volatile Cached cached;

    Tiers(Agent agent) {
        this.agent = agent;
    }

    /** Every tier; empty when agent-service cannot say now. */
    public List<AgentRecords.Tier> all() {
        Cached current = cached;
        if (current == null || current.at().plus(FRESH).isBefore(Instant.now())) {
            try {
                current = new Cached(List.copyOf(agent.tiers()), Instant.now());
                cached = current;
            } catch (RuntimeException e) {
                LOG.warnf("the model tiers are unknown now: %s", e.getMessage());
                return current == null ? List.of() : current.tiers();
            }
        }
        return current.tiers();
    }

    /** The tier of that name, or the default one for null. */
    public Optional<AgentRecords.Tier> find(String name) {
        return all().stream().filter(tier -> name == null ? tier.isDefault() : tier.name().equals(name)).findFirst();
    }
}
