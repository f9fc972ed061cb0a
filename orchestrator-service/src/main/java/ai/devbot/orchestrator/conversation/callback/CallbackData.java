package ai.devbot.orchestrator.conversation.callback;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The short, opaque data behind inline buttons ({@code impl:next:p17}, {@code buy:small}). Parsing
 * only recognises the shape; whatever a value names (a project) is re-checked against the user
 * who pressed it, so forged data reaches nothing of anyone else.
 */
public record CallbackData(Action action, Long projectId, String packId) {

    public enum Action {
        IMPLEMENT_NEXT("impl:next"), IMPLEMENT_ALL("impl:all"), SHOW_PLAN("plan"), DOWNLOAD("dl"), USE("use"),
        TASKS("tasks"), CANCEL("cancel"), TEST("test"), BUY("buy");

        final String prefix;

        Action(String prefix) {
            this.prefix = prefix;
        }
    }

    private static final Pattern PROJECT = Pattern.compile("(impl:next|impl:all|plan|dl|use|tasks|cancel|test):p([1-9][0-9]{0,17})");
    private static final Pattern PACK = Pattern.compile("buy:([a-z0-9-]{1,40})");

    public static String of(Action action, long projectId) {
        return action.prefix + ":p" + projectId;
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
                if (action.prefix.equals(project.group(1))) {
                    return Optional.of(new CallbackData(action, Long.parseLong(project.group(2)), null));
                }
            }
        }
        Matcher pack = PACK.matcher(data);
        if (pack.matches()) {
            return Optional.of(new CallbackData(Action.BUY, null, pack.group(1)));
        }
        return Optional.empty();
    }
}
