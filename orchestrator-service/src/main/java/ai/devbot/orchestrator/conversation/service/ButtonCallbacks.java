package ai.devbot.orchestrator.conversation.service;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import ai.devbot.orchestrator.client.projectstore.ProjectStore;
import ai.devbot.orchestrator.client.projectstore.StoreRecords;
import ai.devbot.orchestrator.conversation.Command;
import ai.devbot.orchestrator.conversation.callback.CallbackData;
import ai.devbot.orchestrator.job.model.Choice;
import ai.devbot.orchestrator.reply.Reply;
import ai.devbot.orchestrator.session.Session;
import ai.devbot.orchestrator.session.SessionStore;

/**
 * A pressed button: answered at once (so it stops spinning), its data parsed (forged or stale data is
 * refused), the project re-read for the presser — a button on someone else's message acts on nothing of
 * theirs — then the command it stands for.
 */
@ApplicationScoped
class ButtonCallbacks {

    private final SessionStore sessions;
    private final ProjectStore store;
    private final ProjectCommands projects;
    private final JobCommands work;
    private final CreditCommands credits;
    private final HistoryCommands history;
    private final PauseChoices pauses;
    private final ModelCommands models;

    ButtonCallbacks(SessionStore sessions, ProjectStore store, ProjectCommands projects, JobCommands work,
            CreditCommands credits, HistoryCommands history, PauseChoices pauses, ModelCommands models) {
        this.sessions = sessions;
        this.store = store;
        this.projects = projects;
        this.work = work;
        this.credits = credits;
        this.history = history;
        this.pauses = pauses;
        this.models = models;
    }

    void pressed(Answer answer, Session session) {
        Command command = answer.command;
        Optional<CallbackData> data = CallbackData.parse(command.callbackData());
        answer.send(Reply.callbackAnswer(command.commandId() + "/ack", command.commandId(), command.chatId(),
                command.callbackQueryId(), data.isEmpty() ? "That button no longer works." : null));
        if (data.isEmpty()) {
            return;
        }
        CallbackData pressed = data.get();
        if (pressed.action() == CallbackData.Action.BUY) {
            credits.invoice(answer, pressed.packId());
            return;
        }
        Optional<StoreRecords.Project> project = store.project(pressed.projectId(), command.userId());
        if (project.isEmpty()) {
            answer.say("That project does not exist or is not yours. /projects lists yours.");
            return;
        }
        Session focused = pressed.projectId().equals(session.activeProjectId()) ? session
                : session.withActiveProject(pressed.projectId());
        if (focused != session) {
            sessions.save(focused);
        }
        switch (pressed.action()) {
            case IMPLEMENT_NEXT -> work.implement(answer, focused, "");
            case IMPLEMENT_ALL -> work.implement(answer, focused, "all");
            case START_NEXT -> work.startImplementing(answer, focused, "");
            case START_ALL -> work.startImplementing(answer, focused, "all");
            case START_TASK -> work.startImplementing(answer, focused, Integer.toString(pressed.taskNumber()));
            case SHOW_PLAN -> projects.plan(answer, project.get());
            case TASKS -> projects.tasks(answer, project.get());
            case DOWNLOAD -> projects.download(answer, project.get());
            case USE -> projects.useProject(answer, session, pressed.projectId());
            case CANCEL -> work.cancelProjectJob(answer, project.get());
            case TEST -> work.test(answer, project.get());
            case DIFF -> history.pressed(answer, project.get(), pressed.taskNumber(), false);
            case UNDO -> history.pressed(answer, project.get(), pressed.taskNumber(), true);
            case TRY_AGAIN -> pauses.pressed(answer, project.get(), pressed.taskNumber(), Choice.TRY_AGAIN);
            case UNDO_PAUSED -> pauses.pressed(answer, project.get(), pressed.taskNumber(), Choice.UNDO);
            case SKIP -> pauses.pressed(answer, project.get(), pressed.taskNumber(), Choice.SKIP);
            case STOP -> pauses.pressed(answer, project.get(), pressed.taskNumber(), Choice.STOP);
            case TIER -> models.pressed(answer, project.get(), pressed.tier());
            case BUY -> throw new IllegalStateException("handled above");
        }
    }
}
