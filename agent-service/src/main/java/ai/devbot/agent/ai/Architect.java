package ai.devbot.agent.ai;

import jakarta.enterprise.context.ApplicationScoped;

import ai.devbot.agent.model.ModelCatalog;
import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.service.V;
import io.quarkiverse.langchain4j.RegisterAiService;

/**
 * The Architect (Gemini by default): plans, reviews, extends and documents projects, each with
 * its prompts (prompts/plan-*.md, review-*, extend-*, readme-*). Answers are text, read and
 * validated by {@code AnswerFormats}.
 */
@RegisterAiService(chatLanguageModelSupplier = ModelCatalog.Architect.class,
        chatMemoryProviderSupplier = RegisterAiService.NoChatMemoryProviderSupplier.class)
// One instance for the application: there is no chat memory to scope, and a request-scoped AI
// service rebuilt its context (ServiceLoader lookups in jars) on every call.
@ApplicationScoped
public interface Architect {

    /**
     * One answer. {@code system} and {@code user} are finished prompts ({@link Prompts}): inserted
     * as values, never parsed as templates, so braces in a user's idea or code stay text.
     */
    @SystemMessage("{system}")
    @UserMessage("{user}")
    String answer(@V("system") String system, @V("user") String user);
}
