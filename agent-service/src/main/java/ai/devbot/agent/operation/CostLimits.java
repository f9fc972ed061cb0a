package ai.devbot.agent.operation;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import ai.devbot.agent.ai.Prompts;
import ai.devbot.agent.config.AgentConfig;
import ai.devbot.agent.model.ModelCatalog;
import ai.devbot.agent.model.PooledChatModel;

/**
 * The most tokens one operation can be billed for, so the orchestrator can hold the worst case before it
 * calls (a plan or a change request must never drive a balance below zero). An operation makes at most
 * {@link #MAX_CALLS} answered calls (one correction); each is capped at the model's {@code max-tokens}
 * out; its input is at most its prompt templates plus the request, in UTF-8 bytes (a token is never less
 * than one byte), plus — for the correction — the problem found in the first answer, which is bounded by
 * that answer's size.
 */
@ApplicationScoped
public class CostLimits {

    /** The first answer and one correction ({@code AgentOperations.withOneCorrection}). */
    static final int MAX_CALLS = 2;

    /**
     * What one operation may cost at most, given the request's size in bytes:
     * {@code fixedInputTokens + inputTokensPerRequestByte × bytes} in and {@code maxOutputTokens} out.
     */
    public record Limit(String operation, String provider, String model, long fixedInputTokens,
            int inputTokensPerRequestByte, long maxOutputTokens) {
    }

    private static final Map<String, List<String>> TEMPLATES = Map.of(
            "plan", List.of("plan-system", "plan-user"),
            "review", List.of("review-system", "review-user"),
            "extend", List.of("extend-system", "extend-user"),
            "readme", List.of("readme-system", "readme-user"),
            "onboard", List.of("onboard-system", "onboard-user"),
            "implement", List.of("implement-system", "implement-user", "edit-format-search-replace",
                    "edit-format-whole-file"));

    private final ModelCatalog models;
    private final AgentConfig config;

    CostLimits(ModelCatalog models, AgentConfig config) {
        this.models = models;
        this.config = config;
    }

    /** Every operation's limit with the tier's models ({@code tier} null: the default tier). */
    public List<Limit> all(String tier) {
        ModelCatalog.Tier models = this.models.tier(tier);
        return TEMPLATES.keySet().stream().sorted().map(operation -> of(operation, models)).toList();
    }

    Limit of(String operation, ModelCatalog.Tier tier) {
        PooledChatModel model = "implement".equals(operation) ? tier.implementer() : tier.architect();
        long maxOut = models.config(model.name()).maxTokens();
        long templates = TEMPLATES.get(operation).stream()
                .mapToLong(template -> Prompts.resource("prompts/" + template + ".md").getBytes(StandardCharsets.UTF_8).length)
                .sum();
        long stacks = "plan".equals(operation) || "onboard".equals(operation) ? String.join("\n", config.sandboxStacks()).getBytes(StandardCharsets.UTF_8).length : 0;
        return new Limit(operation, model.providerName(), model.modelId(),
                MAX_CALLS * (templates + stacks) + (MAX_CALLS - 1) * maxOut, MAX_CALLS, MAX_CALLS * maxOut);
    }
}
