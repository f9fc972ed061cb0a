package ai.devbot.agent.operation;

import java.util.List;
import java.util.Locale;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import ai.devbot.agent.ai.Architect;
import ai.devbot.agent.ai.Implementer;
import ai.devbot.agent.ai.Prompts;
import ai.devbot.agent.config.AgentConfig;
import ai.devbot.agent.edit.EditParser;
import ai.devbot.agent.edit.ParsedEdits;
import ai.devbot.agent.metering.CallScope;
import ai.devbot.agent.model.ModelCatalog;
import ai.devbot.agent.operation.AnswerFormats.InvalidAnswer;

/**
 * The five operations. Each runs in a {@link CallScope} (so every model call is billed to the
 * job), validates the model's answer and, when it cannot be used, asks once more with the exact
 * problem; a second unusable answer is a clear failure — never a half-read result.
 */
@ApplicationScoped
public class AgentOperations {

    private final Architect architect;
    private final Implementer implementer;
    private final ModelCatalog models;
    private final Prompts prompts;
    private final List<String> stacks;
    private final String searchReplaceFormat = Prompts.resource("prompts/edit-format-search-replace.md");
    private final String wholeFileFormat = Prompts.resource("prompts/edit-format-whole-file.md");

    public AgentOperations(Architect architect, Implementer implementer, ModelCatalog models, Prompts prompts,
            AgentConfig config) {
        this.stacks = config.sandboxStacks();
        this.architect = architect;
        this.implementer = implementer;
        this.models = models;
        this.prompts = prompts;
    }

    public Results.Plan plan(Requests.Plan request) {
        Validation.plan(request);
        try (CallScope scope = scope("plan", request)) {
            var plan = withOneCorrection(scope, "plan",
                    correction -> ask(architect::answer, "plan", "idea", request.idea(), "constraints",
                            orEmpty(request.constraints()), "stacks", stacks, "correction", correction),
                    AnswerFormats::plan);
            return new Results.Plan(plan, Results.Usage.of(scope.calls()));
        }
    }

    public Results.Review review(Requests.Review request) {
        Validation.review(request);
        try (CallScope scope = scope("review", request)) {
            var task = request.task();
            var review = withOneCorrection(scope, "review", correction -> ask(architect::answer, "review",
                    "taskNumber", task.number(), "taskTitle", task.title(), "task", describe(task), "change",
                    request.change(), "files", orEmpty(request.files()), "correction", correction), AnswerFormats::review);
            return new Results.Review(review, Results.Usage.of(scope.calls()));
        }
    }

    public Results.Extend extend(Requests.Extend request) {
        Validation.extend(request);
        try (CallScope scope = scope("extend", request)) {
            var extension = withOneCorrection(scope, "extend",
                    correction -> ask(architect::answer, "extend", "plan", request.plan().toPrettyString(),
                            "changeRequest", request.changeRequest(), "correction", correction),
                    AnswerFormats::extension);
            return new Results.Extend(extension.tasks(), extension.checks(), Results.Usage.of(scope.calls()));
        }
    }

    public Results.Readme readme(Requests.Readme request) {
        Validation.readme(request);
        try (CallScope scope = scope("readme", request)) {
            String markdown = withOneCorrection(scope, "readme", correction -> ask(architect::answer, "readme",
                    "title", request.title(), "architecture", orEmpty(request.architecture()), "tasks",
                    numbered(request.tasks()), "fileTree", lines(request.fileTree())),
                    AgentOperations::nonBlank);
            return new Results.Readme(markdown.strip(), Results.Usage.of(scope.calls()));
        }
    }

    public Results.Implement implement(Requests.Implement request) {
        Validation.implement(request);
        AgentConfig.EditFormat format = models.config(ModelCatalog.IMPLEMENTER).editFormat();
        boolean wholeFiles = format == AgentConfig.EditFormat.WHOLE_FILE;
        var task = request.task();
        String context = request.context() == null ? "" : request.context().stream()
                .map(chunk -> chunk.path() + (chunk.startLine() == null ? "" : " (from line " + chunk.startLine() + ")")
                        + ":\n```\n" + chunk.content() + "\n```")
                .collect(Collectors.joining("\n\n"));
        String earlier = request.previousErrors() == null ? "" : String.join("\n", request.previousErrors());
        try (CallScope scope = scope("implement", request)) {
            ParsedEdits parsed = withOneCorrection(scope, "implement", correction -> ask(implementer::implement,
                    "implement", "editFormat", wholeFiles ? wholeFileFormat : searchReplaceFormat, "architecture",
                    request.architecture(), "taskNumber", task.number(), "taskTitle", task.title(), "task",
                    describe(task), "fileTree", lines(request.fileTree()), "context", context, "previousErrors",
                    correction.isEmpty() ? earlier : (earlier.isEmpty() ? "" : earlier + "\n") + correction),
                    answer -> {
                        ParsedEdits edits = EditParser.parse(answer, wholeFiles);
                        if (!edits.usable()) {
                            throw new InvalidAnswer(String.join("\n", edits.problems()));
                        }
                        return edits;
                    });
            return new Results.Implement(parsed.edits(), parsed.explanation(), format.name().toLowerCase(Locale.ROOT),
                    Results.Usage.of(scope.calls()));
        }
    }

    /** Renders the operation's system and user prompts with {@code data} (name, value pairs) and asks the model. */
    private String ask(BinaryOperator<String> model, String operation, Object... data) {
        return model.apply(prompts.render(operation + "-system", data), prompts.render(operation + "-user", data));
    }

    private static CallScope scope(String operation, Requests.Billed request) {
        return CallScope.open(operation, request.jobId(), request.userId(), request.projectId(), request.callId());
    }

    private interface Reader<T> {
        T read(String answer) throws InvalidAnswer;
    }

    private static <T> T withOneCorrection(CallScope scope, String operation, Function<String, String> ask,
            Reader<T> reader) {
        String firstProblem;
        try {
            return reader.read(ask.apply(""));
        } catch (InvalidAnswer invalid) {
            firstProblem = invalid.getMessage();
        }
        try {
            return reader.read(ask.apply(firstProblem));
        } catch (InvalidAnswer again) {
            throw new UnusableAnswerException("the " + operation + " answer was unusable twice: " + again.getMessage()
                    + " (first: " + firstProblem + ")", scope.calls());
        }
    }

    private static String nonBlank(String answer) throws InvalidAnswer {
        if (answer == null || answer.isBlank()) {
            throw new InvalidAnswer("the answer was empty");
        }
        return answer;
    }

    private static String describe(Requests.TaskRef task) {
        String criteria = task.acceptanceCriteria() == null ? "" : task.acceptanceCriteria().stream()
                .map(c -> "- " + c).collect(Collectors.joining("\n"));
        return orEmpty(task.description()) + (criteria.isEmpty() ? "" : "\n\nAcceptance criteria:\n" + criteria);
    }

    private static String numbered(List<String> items) {
        if (items == null) {
            return "";
        }
        var text = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            text.append(i + 1).append(". ").append(items.get(i)).append('\n');
        }
        return text.toString();
    }

    private static String lines(List<String> items) {
        return items == null || items.isEmpty() ? "(none yet)" : String.join("\n", items);
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
