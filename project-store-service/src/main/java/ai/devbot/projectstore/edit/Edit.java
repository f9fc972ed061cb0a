package ai.devbot.projectstore.edit;

/**
 * One change of a batch, as the agent-service produces it: {@code replace} a SEARCH text with a
 * REPLACE text (an empty SEARCH creates the file), {@code write} a whole file, {@code delete} one.
 */
public record Edit(Kind kind, String path, String search, String replace, String content) {

    public enum Kind {
        replace, write, delete
    }
}
