package ai.devbot.orchestrator.conversation.service;

import java.util.Optional;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import ai.devbot.orchestrator.client.projectstore.ProjectStore;
import ai.devbot.orchestrator.client.projectstore.StoreRecords;
import ai.devbot.orchestrator.session.Session;
import ai.devbot.orchestrator.session.SessionStore;

/** The session's active project, re-read for this user on every command, so it is theirs and still there. */
@ApplicationScoped
class ActiveProject {

    private final SessionStore sessions;
    private final ProjectStore store;

    ActiveProject(SessionStore sessions, ProjectStore store) {
        this.sessions = sessions;
        this.store = store;
    }

    void with(Answer answer, Session session, Consumer<StoreRecords.Project> action) {
        if (session.activeProjectId() == null) {
            answer.say("No active project yet. Send me an idea to start one, or /projects to pick one.");
            return;
        }
        Optional<StoreRecords.Project> project = store.project(session.activeProjectId(), answer.userId());
        if (project.isEmpty()) {
            sessions.save(session.withActiveProject(null));
            answer.say("Your active project no longer exists. /projects lists yours.");
            return;
        }
        action.accept(project.get());
    }
}
