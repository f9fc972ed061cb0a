package ai.devbot.orchestrator.session;

import java.time.Instant;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What the bot knows about one user in one chat: the project their commands act on and whether
 * their next text is the idea for a new project.
 */
@RegisterForReflection(registerFullHierarchy = true)
public record Session(long chatId, long userId, Long activeProjectId, boolean awaitingIdea, Instant updatedAt) {

    public static Session fresh(long chatId, long userId) {
        return new Session(chatId, userId, null, false, Instant.now());
    }

    public Session withActiveProject(Long projectId) {
        return new Session(chatId, userId, projectId, false, Instant.now());
    }

    public Session awaitingIdea(boolean awaiting) {
        return new Session(chatId, userId, activeProjectId, awaiting, Instant.now());
    }
}
