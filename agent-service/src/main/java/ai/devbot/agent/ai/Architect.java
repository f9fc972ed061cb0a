package ai.devbot.agent.ai;

import jakarta.enterprise.context.ApplicationScoped;

import ai.devbot.agent.model.ModelCatalog;
import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.service.V;
import io.quarkiverse.langchain4j.RegisterAiService;

/**
 * The Architect (Gemini by default): plans, reviews, extends and documents projects. Answers are
 * text, read and validated by {@code AnswerFormats}; {@code correction} is empty on a first try and
 * says what was wrong with the previous answer on the one retry.
 */
@RegisterAiService(chatLanguageModelSupplier = ModelCatalog.Architect.class,
        chatMemoryProviderSupplier = RegisterAiService.NoChatMemoryProviderSupplier.class)
// One instance for the application: there is no chat memory to scope, and a request-scoped AI
// service rebuilt its context (ServiceLoader lookups in jars) on every call.
@ApplicationScoped
public interface Architect {

    @SystemMessage(fromResource = "prompts/plan-system.md")
    @UserMessage(fromResource = "prompts/plan-user.md")
    String plan(@V("idea") String idea, @V("constraints") String constraints, @V("correction") String correction);

    @SystemMessage(fromResource = "prompts/review-system.md")
    @UserMessage(fromResource = "prompts/review-user.md")
    String review(@V("taskNumber") int taskNumber, @V("taskTitle") String taskTitle, @V("task") String task,
            @V("change") String change, @V("files") String files, @V("correction") String correction);

    @SystemMessage(fromResource = "prompts/extend-system.md")
    @UserMessage(fromResource = "prompts/extend-user.md")
    String extend(@V("plan") String plan, @V("changeRequest") String changeRequest, @V("correction") String correction);

    @SystemMessage(fromResource = "prompts/readme-system.md")
    @UserMessage(fromResource = "prompts/readme-user.md")
    String readme(@V("title") String title, @V("architecture") String architecture, @V("tasks") String tasks,
            @V("fileTree") String fileTree);
}
