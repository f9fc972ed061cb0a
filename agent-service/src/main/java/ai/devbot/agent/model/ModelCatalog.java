package ai.devbot.agent.model;

import java.time.Clock;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import ai.devbot.agent.config.AgentConfig;
import ai.devbot.agent.metering.UsageMeter;
import ai.devbot.agent.model.http.CallerThreadHttpClient;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;

/**
 * The named models, each a {@link PooledChatModel} over its keys. Models are built per key with
 * LangChain4j's own builders (on {@link CallerThreadHttpClient}) so that every call knows which key it
 * used — the alias billing and API-key usage are kept by.
 */
@ApplicationScoped
public class ModelCatalog {

    public static final String ARCHITECT = "architect";
    public static final String IMPLEMENTER = "implementer";

    private final Map<String, PooledChatModel> models = new TreeMap<>();
    private final AgentConfig config;

    public ModelCatalog(AgentConfig config, UsageMeter meter) {
        this.config = config;
        config.models().forEach((name, model) -> {
            String provider = model.providerName().orElse(model.provider().name().toLowerCase(Locale.ROOT));
            models.put(name, new PooledChatModel(name, provider, model,
                    new ApiKeyPool(provider, model.keys(), Clock.systemUTC(), model.keyRecheckAfter()), key -> build(model, key), meter));
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

    private static ChatModel build(AgentConfig.Model model, String key) {
        String baseUrl = model.baseUrl().toString().replaceAll("/+$", "");
        return switch (model.provider()) {
            case GEMINI -> GoogleAiGeminiChatModel.builder().httpClientBuilder(CallerThreadHttpClient.builder())
                    .baseUrl(baseUrl).apiKey(key).modelName(model.model())
                    .temperature(model.temperature()).maxOutputTokens(model.maxTokens()).timeout(model.timeout())
                    .maxRetries(0).build();
            case OPENAI -> OpenAiChatModel.builder().httpClientBuilder(CallerThreadHttpClient.builder())
                    .baseUrl(baseUrl).apiKey(key).modelName(model.model())
                    .temperature(model.temperature()).maxTokens(model.maxTokens()).timeout(model.timeout())
                    .maxRetries(0).customHeaders(model.headers()).build();
        };
    }

    /** For {@code @RegisterAiService(chatLanguageModelSupplier = …)}. */
    public static final class Architect implements java.util.function.Supplier<ChatModel> {
        @Override
        public ChatModel get() {
            return jakarta.enterprise.inject.spi.CDI.current().select(ModelCatalog.class).get().model(ARCHITECT);
        }
    }

    public static final class Implementer implements java.util.function.Supplier<ChatModel> {
        @Override
        public ChatModel get() {
            return jakarta.enterprise.inject.spi.CDI.current().select(ModelCatalog.class).get().model(IMPLEMENTER);
        }
    }
}
