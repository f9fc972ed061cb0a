package ai.devbot.orchestrator.conversation.service;

import java.util.Set;

import ai.devbot.orchestrator.session.Session;

/** A family of slash commands; {@link Conversation} routes each command name to the family that answers it. */
interface CommandFamily {

    /** The command names (without the slash) this family answers. */
    Set<String> commands();

    void run(String command, Answer answer, Session session, String args);
}
