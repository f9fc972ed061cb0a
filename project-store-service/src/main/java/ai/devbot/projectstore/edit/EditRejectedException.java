package ai.devbot.projectstore.edit;

import java.util.List;

/** A batch that was not applied, with every problem worded for the model that wrote it. */
public class EditRejectedException extends RuntimeException {

    private final List<String> problems;

    public EditRejectedException(List<String> problems) {
        super(String.join("\n\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
