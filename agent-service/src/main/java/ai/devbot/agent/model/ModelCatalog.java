package ai.devbot.agent.model;

import java.time.Clock;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import ai.devbot.agent.config.AgentConfig;
import ai.devbot.agent.metering.UsageMeter;
import ai.devbot.agent.model.http.EventLoopHttpClient;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.vertx.core.Vertx;

/**
 * The named models, each a {@link PooledChatModel} over its keys, and the tiers made of them. Models are built per key with
 * LangChain4j's own streaming builders (on {@link EventLoopHttpClient}, so no call holds a thread) so that
 * every call knows which key it used — the alias billing and API-key usage are kept by.
 */
@ApplicationScoped
public class ModelCatalog {

    public static final String ARCHITECT = "architect";
    public static final String IMPLEMENTER = "implementer";

    /** A tier as calls use it: its two models and the implementer's edit format. */
    public record Tier(String name, String label, PooledChatModel architect, PooledChatModel implementer,
            AgentConfig.EditFormat editFormat) {
    }

    private final Map<String, PooledChatModel> models = new TreeMap<>();
    private final Map<String, Tier> tiers = new TreeMap<>();
    private final AgentConfig config;

    public ModelCatalog(AgentConfig config, UsageMeter meter, Vertx vertx) {
        this.config = config;
        config.models().forEach((name, model) -> {
            String provider = model.providerName().orElse(model.provider().name().toLowerCase(Locale.ROOT));
            models.put(name, new PooledChatModel(name, provider, model,
                    new ApiKeyPool(provider, model.keys(), Clock.systemUTC(), model.keyRecheckAfter()),
                    key -> build(model, key, vertx), meter));
        });
        for (String required : new String[] { ARCHITECT, IMPLEMENTER }) {
            if (!models.containsKey(required)) {
                throw new IllegalStateException("agent.models." + required + " is not configured");
            }
        }
        config.tiers().forEach((name, tier) -> tiers.put(name, new Tier(name, tier.label().orElse(name),
                named(tier.architect(), name), named(tier.implementer(), name), editFormat(tier.implementer()))));
        if (tiers.isEmpty()) {
            tiers.put(config.defaultTier(), new Tier(config.defaultTier(), config.defaultTier(), models.get(ARCHITECT),
                    models.get(IMPLEMENTER), editFormat(IMPLEMENTER)));
        }
        if (!tiers.containsKey(config.defaultTier())) {
            throw new IllegalStateException("agent.default-tier " + config.defaultTier() + " is not one of the tiers "
                    + tiers.keySet());
        }
    }

    private PooledChatModel named(String model, String tier) {
        PooledChatModel found = models.get(model);
        if (found == null) {
            throw new IllegalStateException("agent.tiers." + tier + " names " + model + ", which is not one of "
                    + "agent.models " + models.keySet());
        }
        return found;
    }

    /** The request's tier; none named: the default. An unknown one is refused (400), never guessed. */
    public Tier tier(String name) {
        if (name == null || name.isBlank()) {
            return tiers.get(config.defaultTier());
        }
        Tier tier = tiers.get(name);
        if (tier == null) {
            throw new IllegalArgumentException("tier must be one of " + tiers.keySet() + ", not " + name);
        }
        return tier;
    }

    public Collection<Tier> tiers() {
        return tiers.values();
    }

    public String defaultTier() {
        return config.defaultTier();
    }

    /** The configured edit format of a model, else the one that suits it ({@link EditFormats}). */
    public AgentConfig.EditFormat editFormat(String name) {
        AgentConfig.Model model = config.models().get(name);
        return model.editFormat().orElseGet(() -> EditFormats.forModel(model.model()));
    }

    public PooledChatModel model(String name) {
        return models.get(name);
    }

    public Collection<PooledChatModel> all() {
        return models.values();
    }

    public AgentConfig.Model config(String name) {
        return config.models().get(name);
    }

    private static StreamingChatModel build(AgentConfig.Model model, String key, Vertx vertx) {
        String baseUrl = model.baseUrl().toString().replaceAll("/+$", "");
        return switch (model.provider()) {
            case GEMINI -> GoogleAiGeminiStreamingChatModel.builder().httpClientBuilder(EventLoopHttpClient.builder(vertx))
                    .baseUrl(baseUrl).apiKey(key).modelName(model.model())
                    .temperature(model.temperature()).maxOutputTokens(model.maxTokens()).timeout(model.timeout())
                    .build();
            // The builder itself, not builder(): that one is quarkus-langchain4j's (a service-loaded factory), which
            // calls through its own REST client and ignores the HTTP client given here.
            case OPENAI -> new OpenAiStreamingChatModel.OpenAiStreamingChatModelBuilder()
                    .httpClientBuilder(EventLoopHttpClient.builder(vertx))
                    .baseUrl(baseUrl).apiKey(key).modelName(model.model())
                    .temperature(model.temperature()).maxTokens(model.maxTokens()).timeout(model.timeout())
                    .customHeaders(model.headers()).build();
        };
    }
}
