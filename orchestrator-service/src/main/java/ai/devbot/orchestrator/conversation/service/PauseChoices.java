package ai.devbot.orchestrator.conversation.service;

import jakarta.enterprise.context.ApplicationScoped;

import ai.devbot.orchestrator.client.projectstore.StoreRecords;
import ai.devbot.orchestrator.job.model.Choice;
import ai.devbot.orchestrator.job.service.PausedJobs;
import ai.devbot.orchestrator.reply.Markdown;

/** The buttons under a task paused at its cap: the presser's choice goes to their job waiting on that task. */
@ApplicationScoped
class PauseChoices {

    private final PausedJobs paused;

    PauseChoices(PausedJobs paused) {
        this.paused = paused;
    }

    void pressed(Answer answer, StoreRecords.Project project, int task, Choice choice) {
        switch (paused.choose(answer.userId(), project.id(), task, choice)) {
            case CHOSEN -> answer.say(switch (choice) {
                case TRY_AGAIN -> "Trying task " + task + " once more…";
                case UNDO -> "Taking back what task " + task + " changed…";
                case SKIP -> "Skipping task " + task + "; going on with the next one…";
                case STOP, EXPIRED -> "Stopping at task " + task + ".";
            });
            case ALREADY_CHOSEN -> answer.say("Task " + task + " already has your answer; it is being acted on.");
            case NOT_WAITING -> answer.say("Task " + task + " of **" + Markdown.text(project.title())
                    + "** is not waiting for a choice any more. /status shows where it stands.");
        }
    }
}
