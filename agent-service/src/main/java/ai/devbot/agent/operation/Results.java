package ai.devbot.agent.operation;

import java.util.List;

import ai.devbot.agent.edit.Edit;
import ai.devbot.agent.metering.ModelCall;

/** What each operation answers: its result and the token usage of every model call it made. */
public final class Results {

    private Results() {
    }

    /** The calls (one per HTTP request to a model, retries included) and their totals. */
    public record Usage(List<ModelCall> calls, long inputTokens, long outputTokens, boolean simulated) {
        public static Usage of(List<ModelCall> calls) {
            return new Usage(calls, calls.stream().mapToLong(ModelCall::inputTokens).sum(),
                    calls.stream().mapToLong(ModelCall::outputTokens).sum(),
                    calls.stream().anyMatch(ModelCall::simulated));
        }
    }

    public record Plan(AnswerFormats.Plan plan, Usage usage) {
    }

    public record Review(AnswerFormats.Review review, Usage usage) {
    }

    /** {@code checks} is null when the change keeps the project's checks. */
    public record Extend(List<AnswerFormats.Task> tasks, AnswerFormats.Checks checks, Usage usage) {
    }

    public record Readme(String markdown, Usage usage) {
    }

    public record Onboard(AnswerFormats.Onboarding onboarding, Usage usage) {
    }

    public record Implement(List<Edit> edits, String explanation, String editFormat, Usage usage) {
    }
}
