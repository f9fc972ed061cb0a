package ai.devbot.agent.ai;

import jakarta.enterprise.context.ApplicationScoped;

import ai.devbot.agent.model.ModelCatalog;
import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.service.V;
import io.quarkiverse.langchain4j.RegisterAiService;

/** The Implementer (any OpenAI-compatible model): turns one task into edits in the configured format. */
@RegisterAiService(chatLanguageModelSupplier = ModelCatalog.Implementer.class,
        chatMemoryProviderSupplier = RegisterAiService.NoChatMemoryProviderSupplier.class)
// One instance for the application: there is no chat memory to scope, and a request-scoped AI
// service rebuilt its context (ServiceLoader lookups in jars) on every call.
@ApplicationScoped
public interface Implementer {

    /** Edits for one task; {@code system} and {@code user} are finished prompts (prompts/implement-*.md, {@link Prompts}). */
    @SystemMessage("{system}")
    @UserMessage("{user}")
    String implement(@V("system") String system, @V("user") String user);
}
