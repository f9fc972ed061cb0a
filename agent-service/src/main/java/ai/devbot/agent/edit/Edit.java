package ai.devbot.agent.edit;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One change the implementer asked for, in project-store's terms: {@code replace} a SEARCH text
 * with a REPLACE text (an empty SEARCH creates the file), {@code write} a whole file, or
 * {@code delete} one. Paths are as the model wrote them; project-store confines them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Edit(Kind kind, String path, String search, String replace, String content) {

    public enum Kind {
        replace, write, delete
    }

    public static Edit replace(String path, String search, String replace) {
        return new Edit(Kind.replace, path, search, replace, null);
    }

    public static Edit write(String path, String content) {
        return new Edit(Kind.write, path, null, null, content);
    }

    public static Edit delete(String path) {
        return new Edit(Kind.delete, path, null, null, null);
    }
}
