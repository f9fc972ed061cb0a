package ai.devbot.orchestrator.reply;

import java.util.List;

import ai.devbot.orchestrator.conversation.callback.CallbackData;
import ai.devbot.orchestrator.conversation.callback.CallbackData.Action;

/** The inline keyboards offered after each answer: the next steps a user is likely to want. */
public final class Buttons {

    private Buttons() {
    }

    public static List<List<Reply.Button>> afterPlan(long projectId) {
        return List.of(
                List.of(button("Implement next", Action.IMPLEMENT_NEXT, projectId),
                        button("Implement all", Action.IMPLEMENT_ALL, projectId)),
                List.of(button("Show plan", Action.SHOW_PLAN, projectId), button("Download", Action.DOWNLOAD, projectId)));
    }

    public static List<List<Reply.Button>> afterWork(long projectId, boolean tasksLeft) {
        return tasksLeft ? afterPlan(projectId)
                : List.of(List.of(button("Download", Action.DOWNLOAD, projectId), button("Tasks", Action.TASKS, projectId),
                        button("Run tests", Action.TEST, projectId)));
    }

    /** Under an imported project: it has no tasks yet, so what it offers is its code and its tests. */
    public static List<List<Reply.Button>> afterImport(long projectId) {
        return List.of(List.of(button("Run tests", Action.TEST, projectId), button("Download", Action.DOWNLOAD, projectId)));
    }

    /** Under a finished task: see what it changed, or take it back. */
    public static List<List<Reply.Button>> afterTask(long projectId, int taskNumber) {
        return List.of(List.of(new Reply.Button("Diff", CallbackData.ofTask(Action.DIFF, projectId, taskNumber)),
                new Reply.Button("Undo", CallbackData.ofTask(Action.UNDO, projectId, taskNumber))));
    }

    /** Under a quote: start the quoted work ({@code what}: "" the next task, "all", or a task number), or look first. */
    public static List<List<Reply.Button>> startQuoted(long projectId, String what) {
        Reply.Button start = what.isEmpty() ? button("▶ Start", Action.START_NEXT, projectId)
                : what.equals("all") ? button("▶ Start", Action.START_ALL, projectId)
                : new Reply.Button("▶ Start", CallbackData.ofTask(Action.START_TASK, projectId, Integer.parseInt(what)));
        return List.of(List.of(start, button("Tasks", Action.TASKS, projectId)));
    }

    /** Under a task paused at its cap: the four ways on ("Skip it" only when another task follows in the job). */
    public static List<List<Reply.Button>> paused(long projectId, int taskNumber, long extraCredits, boolean canSkip) {
        Reply.Button skip = new Reply.Button("Skip it", CallbackData.ofTask(Action.SKIP, projectId, taskNumber));
        Reply.Button stop = new Reply.Button("Stop", CallbackData.ofTask(Action.STOP, projectId, taskNumber));
        return List.of(
                List.of(new Reply.Button("Try again (+" + Markdown.number(extraCredits) + " credits)",
                        CallbackData.ofTask(Action.TRY_AGAIN, projectId, taskNumber))),
                List.of(new Reply.Button("Undo this task", CallbackData.ofTask(Action.UNDO_PAUSED, projectId, taskNumber))),
                canSkip ? List.of(skip, stop) : List.of(stop));
    }

    public static List<List<Reply.Button>> running(long projectId) {
        return List.of(List.of(button("Cancel", Action.CANCEL, projectId)));
    }

    public static Reply.Button button(String text, Action action, long projectId) {
        return new Reply.Button(text, CallbackData.of(action, projectId));
    }
}
