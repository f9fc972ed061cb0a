package ai.devbot.agent.edit;

import java.util.List;

/** What an implementer's answer said: the edits, its prose (the explanation) and what could not be read. */
public record ParsedEdits(List<Edit> edits, String explanation, List<String> problems) {

    public boolean usable() {
        return problems.isEmpty() && !edits.isEmpty();
    }
}
