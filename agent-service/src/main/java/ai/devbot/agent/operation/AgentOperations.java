package ai.devbot.agent.operation;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import ai.devbot.agent.ai.Prompts;
import ai.devbot.agent.config.AgentConfig;
import ai.devbot.agent.edit.EditParser;
import ai.devbot.agent.edit.ParsedEdits;
import ai.devbot.agent.metering.CallScope;
import ai.devbot.agent.model.ModelCatalog;
import ai.devbot.agent.model.PooledChatModel;
import ai.devbot.agent.operation.AnswerFormats.InvalidAnswer;
import io.smallrye.mutiny.Uni;

/**
 * The six operations. Each has a {@link CallScope} (so every model call is billed to the job), validates the
 * model's answer and, when it cannot be used, asks once more with the exact problem; a second unusable answer
 * is a clear failure — never a half-read result. Nothing here waits on a thread: each answers a {@link Uni}
 * that completes when the model's answer is in and read (docs/adr/0012-no-thread-per-wait.md).
 */
@ApplicationScoped
public class AgentOperations {

    private final ModelCatalog models;
    private final Prompts prompts;
    private final List<String> stacks;
    private final String searchReplaceFormat = Prompts.resource("prompts/edit-format-search-replace.md");
    private final String wholeFileFormat = Prompts.resource("prompts/edit-format-whole-file.md");

    public AgentOperations(ModelCatalog models, Prompts prompts, AgentConfig config) {
        this.stacks = config.sandboxStacks();
        this.models = models;
        this.prompts = prompts;
    }

    public Uni<Results.Plan> plan(Requests.Plan request) {
        Validation.plan(request);
        CallScope scope = scope("plan", request);
        return withOneCorrection(scope, "plan",
                correction -> ask(architect(request), scope, "plan", "idea", request.idea(), "constraints",
                        orEmpty(request.constraints()), "stacks", stacks, "correction", correction),
                AnswerFormats::plan)
                .map(plan -> new Results.Plan(plan, Results.Usage.of(scope.calls())));
    }

    public Uni<Results.Review> review(Requests.Review request) {
        Validation.review(request);
        CallScope scope = scope("review", request);
        var task = request.task();
        return withOneCorrection(scope, "review", correction -> ask(architect(request), scope, "review",
                "taskNumber", task.number(), "taskTitle", task.title(), "task", describe(task),
                "explanation", orEmpty(request.explanation()), "edits", orNone(request.edits()),
                "checks", orEmpty(request.checks()), "changedFiles", orNone(request.changedFiles()),
                "filesLeftOut", request.filesLeftOut() == null ? 0 : request.filesLeftOut(),
                "change", orEmpty(request.change()), "files", orEmpty(request.files()), "correction", correction),
                AnswerFormats::review)
                .map(review -> new Results.Review(review, Results.Usage.of(scope.calls())));
    }

    public Uni<Results.Extend> extend(Requests.Extend request) {
        Validation.extend(request);
        CallScope scope = scope("extend", request);
        return withOneCorrection(scope, "extend",
                correction -> ask(architect(request), scope, "extend", "plan", request.plan().toPrettyString(),
                        "changeRequest", request.changeRequest(), "correction", correction),
                AnswerFormats::extension)
                .map(extension -> new Results.Extend(extension.tasks(), extension.checks(),
                        Results.Usage.of(scope.calls())));
    }

    public Uni<Results.Readme> readme(Requests.Readme request) {
        Validation.readme(request);
        CallScope scope = scope("readme", request);
        return withOneCorrection(scope, "readme", correction -> ask(architect(request), scope, "readme",
                "title", request.title(), "architecture", orEmpty(request.architecture()), "tasks",
                numbered(request.tasks()), "fileTree", lines(request.fileTree())),
                AgentOperations::nonBlank)
                .map(markdown -> new Results.Readme(markdown.strip(), Results.Usage.of(scope.calls())));
    }

    public Uni<Results.Onboard> onboard(Requests.Onboard request) {
        Validation.onboard(request);
        CallScope scope = scope("onboard", request);
        return withOneCorrection(scope, "onboard", correction -> ask(architect(request), scope, "onboard",
                "title", request.title(), "fileTree", lines(request.fileTree()),
                "filesLeftOut", request.filesLeftOut() == null ? 0 : request.filesLeftOut(),
                "files", orNone(request.files()), "stacks", stacks, "correction", correction),
                AnswerFormats::onboarding)
                .map(onboarding -> new Results.Onboard(onboarding, Results.Usage.of(scope.calls())));
    }

    public Uni<Results.Implement> implement(Requests.Implement request) {
        Validation.implement(request);
        ModelCatalog.Tier tier = models.tier(request.tier());
        AgentConfig.EditFormat format = tier.editFormat();
        boolean wholeFiles = format == AgentConfig.EditFormat.WHOLE_FILE;
        var task = request.task();
        String context = request.context() == null ? "" : request.context().stream()
                .map(chunk -> chunk.path() + (chunk.startLine() == null ? "" : " (from line " + chunk.startLine() + ")")
                        + ":\n```\n" + chunk.content() + "\n```")
                .collect(Collectors.joining("\n\n"));
        CallScope scope = scope("implement", request);
        return withOneCorrection(scope, "implement", correction -> ask(tier.implementer(), scope,
                "implement", "editFormat", wholeFiles ? wholeFileFormat : searchReplaceFormat, "architecture",
                request.architecture(), "taskNumber", task.number(), "taskTitle", task.title(), "task",
                describe(task), "fileTree", lines(request.fileTree()), "context", context, "feedback", request.feedback(),
                "feedbackKind", request.feedback() == null ? "" : request.feedback().kind().name(), "previousErrors",
                request.previousErrors() == null ? "" : String.join("\n", request.previousErrors()), "correction",
                correction),
                answer -> {
                    ParsedEdits edits = EditParser.parse(answer, wholeFiles);
                    if (!edits.usable()) {
                        throw new InvalidAnswer(String.join("\n", edits.problems()));
                    }
                    return edits;
                })
                .map(parsed -> new Results.Implement(parsed.edits(), parsed.explanation(),
                        format.name().toLowerCase(Locale.ROOT), Results.Usage.of(scope.calls())));
    }

    /** The architect of the request's tier (an unknown tier is refused before any call). */
    private PooledChatModel architect(Requests.Billed request) {
        return models.tier(request.tier()).architect();
    }

    /** Renders the operation's system and user prompts with {@code data} (name, value pairs) and asks the model. */
    private Uni<String> ask(PooledChatModel model, CallScope scope, String operation, Object... data) {
        return model.answer(scope, prompts.render(operation + "-system", data), prompts.render(operation + "-user", data));
    }

    /** The request's scope; its tier is checked first, so an unknown one is refused before anything is called. */
    private CallScope scope(String operation, Requests.Billed request) {
        models.tier(request.tier());
        return CallScope.of(operation, request.jobId(), request.userId(), request.projectId(), request.callId());
    }

    private interface Reader<T> {
        T read(String answer) throws InvalidAnswer;
    }

    /** An answer the reader refused, carried through the pipeline (its reason is the correction to ask with). */
    private static final class Refused extends RuntimeException {
        Refused(InvalidAnswer invalid) {
            super(invalid.getMessage(), null, false, false);
        }
    }

    private static <T> Uni<T> withOneCorrection(CallScope scope, String operation, Function<String, Uni<String>> ask,
            Reader<T> reader) {
        return read(ask.apply(""), reader)
                .onFailure(Refused.class).recoverWithUni(first -> read(ask.apply(first.getMessage()), reader)
                        .onFailure(Refused.class).transform(again -> new UnusableAnswerException("the " + operation
                                + " answer was unusable twice: " + again.getMessage() + " (first: " + first.getMessage()
                                + ")", scope.calls())));
    }

    private static <T> Uni<T> read(Uni<String> answer, Reader<T> reader) {
        return answer.map(text -> {
            try {
                return reader.read(text);
            } catch (InvalidAnswer invalid) {
                throw new Refused(invalid);
            }
        });
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

    private static <T> List<T> orNone(List<T> items) {
        return items == null ? List.of() : items;
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
