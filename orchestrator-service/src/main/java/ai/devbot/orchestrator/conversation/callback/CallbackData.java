package ai.devbot.orchestrator.conversation.callback;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The short, opaque data behind inline buttons ({@code impl:next:p17}, {@code undo:p17:t3}, {@code go:all:p17},
 * {@code again:p17:t3}, {@code tier:p17:economy}, {@code buy:small}).
 * Parsing only recognises the shape; whatever a value names (a project, its task) is re-checked against the
 * user who pressed it, so forged data reaches nothing of anyone else.
 */
public record CallbackData(Action action, Long projectId, Integer taskNumber, String packId, String tier) {

    public enum Action {
        IMPLEMENT_NEXT("impl:next"), IMPLEMENT_ALL("impl:all"), SHOW_PLAN("plan"), DOWNLOAD("dl"), USE("use"),
        TASKS("tasks"), CANCEL("cancel"), TEST("test"), DIFF("diff", true), UNDO("undo", true), BUY("buy"),
        /** "Start" under a quote: the work it quoted, confirmed. */
        START_NEXT("go:next"), START_ALL("go:all"), START_TASK("go", true),
        /** The choices under a task paused at its cap. */
        TRY_AGAIN("again", true), UNDO_PAUSED("drop", true), SKIP("skip", true), STOP("stop", true),
        /** /model's buttons: the project's model tier. */
        TIER("tier");

        final String prefix;
        /** The button names one task of the project. */
        final boolean ofTask;

        Action(String prefix) {
            this(prefix, false);
        }

        Action(String prefix, boolean ofTask) {
            this.prefix = prefix;
            this.ofTask = ofTask;
        }

        public boolean ofTask() {
            return ofTask;
        }
    }

    private static final Pattern PROJECT = Pattern.compile(
            "(impl:next|impl:all|plan|dl|use|tasks|cancel|test|diff|undo|go:next|go:all|go|again|drop|skip|stop)"
                    + ":p([1-9][0-9]{0,17})"
                    + "(?::t([1-9][0-9]{0,4}))?");
    private static final Pattern PACK = Pattern.compile("buy:([a-z0-9-]{1,40})");
    private static final Pattern TIER = Pattern.compile("tier:p([1-9][0-9]{0,17}):([a-z0-9][a-z0-9-]{0,19})");

    public static String of(Action action, long projectId) {
        if (action.ofTask || action == Action.BUY || action == Action.TIER) {
            throw new IllegalArgumentException(action + " needs " + (action.ofTask ? "a task" : "a pack"));
        }
        return action.prefix + ":p" + projectId;
    }

    public static String ofTask(Action action, long projectId, int taskNumber) {
        if (!action.ofTask) {
            throw new IllegalArgumentException(action + " names no task");
        }
        return action.prefix + ":p" + projectId + ":t" + taskNumber;
    }

    public static String tier(long projectId, String tier) {
        if (!TIER.matcher("tier:p" + projectId + ":" + tier).matches()) {
            throw new IllegalArgumentException("not a tier name: " + tier);
        }
        return "tier:p" + projectId + ":" + tier;
    }

    public static String buy(String packId) {
        return Action.BUY.prefix + ":" + packId;
    }

    public static Optional<CallbackData> parse(String data) {
        if (data == null) {
            return Optional.empty();
        }
        Matcher project = PROJECT.matcher(data);
        if (project.matches()) {
            for (Action action : Action.values()) {
                // A task action needs its task, and only a task action may carry one.
                if (action.prefix.equals(project.group(1)) && action.ofTask == (project.group(3) != null)) {
                    Integer task = project.group(3) == null ? null : Integer.valueOf(project.group(3));
                    return Optional.of(new CallbackData(action, Long.parseLong(project.group(2)), task, null, null));
                }
            }
            return Optional.empty();
        }
        Matcher pack = PACK.matcher(data);
        if (pack.matches()) {
            return Optional.of(new CallbackData(Action.BUY, null, null, pack.group(1), null));
        }
        Matcher tier = TIER.matcher(data);
        if (tier.matches()) {
            return Optional.of(new CallbackData(Action.TIER, Long.parseLong(tier.group(1)), null, null, tier.group(2)));
        }
        return Optional.empty();
    }
}
