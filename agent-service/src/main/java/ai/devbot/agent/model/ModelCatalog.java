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
 * The named models, each a {@link PooledChatModel} over its keys. Models are built per key with
 * LangChain4j's own streaming builders (on {@link EventLoopHttpClient}, so no call holds a thread) so that
 * every call knows which key it used — the alias billing and API-key usage are kept by.
 */
@ApplicationScoped
public class ModelCatalog {

    public static final String ARCHITECT = "architect";
    public static final String IMPLEMENTER = "implementer";

    private final Map<String, PooledChatModel> models = new TreeMap<>();
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
