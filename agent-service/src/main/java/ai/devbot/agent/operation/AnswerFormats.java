package ai.devbot.agent.operation;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The Architect's structured answers (docs/contracts/llm): read from the model's text — bare or
 * fenced JSON, with or without prose around it — and validated. Every problem is stated so that
 * the model can correct it on the one retry it gets.
 */
public final class AnswerFormats {

    static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    static final int MAX_TASKS = 60;
    static final int MAX_COMMAND = 1000;

    private AnswerFormats() {
    }

    public record Task(String title, String description, List<String> acceptanceCriteria) {
    }

    /** How the sandbox builds and tests the project: {@code setup} (optional) installs, {@code check} tests. */
    public record Checks(String setup, String check) {
    }

    @RegisterForReflection(registerFullHierarchy = true)
    public record Plan(String title, String summary, List<String> techStack, String architecture, Checks checks,
            List<Task> tasks) {
    }

    @RegisterForReflection(registerFullHierarchy = true)
    public record Review(Boolean approved, List<String> problems, String summary) {
    }

    /** New tasks, and the project's checks when the change alters how it is built or tested (else null). */
    @RegisterForReflection(registerFullHierarchy = true)
    public record Extension(List<Task> tasks, Checks checks) {
    }

    /** What the Architect made of an imported project; {@code checks} is null when it found no way to test it. */
    @RegisterForReflection(registerFullHierarchy = true)
    public record Onboarding(String title, String summary, List<String> techStack, String architecture,
            Checks checks) {
    }

    /** An answer that cannot be used, with why. */
    public static class InvalidAnswer extends Exception {
        public InvalidAnswer(String why) {
            super(why, null, false, false);
        }
    }

    public static Plan plan(String answer) throws InvalidAnswer {
        Plan plan = read(answer, Plan.class);
        List<String> problems = new ArrayList<>();
        description(problems, plan.title(), plan.summary(), plan.architecture(), plan.techStack());
        if (plan.checks() == null) {
            problems.add("checks is missing: give {\"setup\": \"…or empty\", \"check\": \"the command that runs the tests\"}");
        } else {
            checks(problems, plan.checks());
        }
        tasks(problems, plan.tasks());
        return valid(plan, problems);
    }

    public static Onboarding onboarding(String answer) throws InvalidAnswer {
        Onboarding onboarding = read(answer, Onboarding.class);
        List<String> problems = new ArrayList<>();
        description(problems, onboarding.title(), onboarding.summary(), onboarding.architecture(), onboarding.techStack());
        if (onboarding.checks() != null && !blank(onboarding.checks().check())) {
            checks(problems, onboarding.checks());
        }
        boolean noChecks = onboarding.checks() == null || blank(onboarding.checks().check());
        return valid(noChecks ? new Onboarding(onboarding.title(), onboarding.summary(), onboarding.techStack(),
                onboarding.architecture(), null) : onboarding, problems);
    }

    public static Review review(String answer) throws InvalidAnswer {
        Review review = read(answer, Review.class);
        List<String> problems = new ArrayList<>();
        if (review.approved() == null) {
            problems.add("approved (true or false) is missing");
        }
        if (Boolean.FALSE.equals(review.approved())
                && (review.problems() == null || review.problems().isEmpty() || review.problems().stream().anyMatch(AnswerFormats::blank))) {
            problems.add("a rejection must list the concrete problems to fix in \"problems\"");
        }
        return valid(new Review(review.approved(), review.problems() == null ? List.of() : review.problems(),
                review.summary() == null ? "" : review.summary()), problems);
    }

    public static Extension extension(String answer) throws InvalidAnswer {
        Extension extension = read(answer, Extension.class);
        List<String> problems = new ArrayList<>();
        tasks(problems, extension.tasks());
        if (extension.checks() != null) {
            checks(problems, extension.checks());
        }
        return valid(extension, problems);
    }

    /** What a plan and an onboarding both describe: the project's title, summary, architecture and stack. */
    private static void description(List<String> problems, String title, String summary, String architecture,
            List<String> techStack) {
        require(problems, title, "title");
        require(problems, summary, "summary");
        require(problems, architecture, "architecture");
        if (techStack == null || techStack.isEmpty() || techStack.stream().anyMatch(AnswerFormats::blank)) {
            problems.add("techStack must be a non-empty array of strings");
        }
    }

    private static void checks(List<String> problems, Checks checks) {
        if (blank(checks.check())) {
            problems.add("checks.check must be the shell command that runs the project's tests");
        }
        for (String command : new String[] { checks.setup(), checks.check() }) {
            if (command != null && (command.length() > MAX_COMMAND || command.indexOf('\0') >= 0)) {
                problems.add("a check command must be at most " + MAX_COMMAND + " characters of text");
            }
        }
    }

    private static void tasks(List<String> problems, List<Task> tasks) {
        if (tasks == null || tasks.isEmpty()) {
            problems.add("tasks must be a non-empty array");
            return;
        }
        if (tasks.size() > MAX_TASKS) {
            problems.add("at most " + MAX_TASKS + " tasks, got " + tasks.size() + ": merge small ones");
        }
        for (int i = 0; i < tasks.size(); i++) {
            Task task = tasks.get(i);
            String where = "task " + (i + 1);
            if (task == null) {
                problems.add(where + " is null");
                continue;
            }
            require(problems, task.title(), where + " title");
            require(problems, task.description(), where + " description");
            if (task.acceptanceCriteria() == null || task.acceptanceCriteria().isEmpty()
                    || task.acceptanceCriteria().stream().anyMatch(AnswerFormats::blank)) {
                problems.add(where + " needs at least one acceptance criterion");
            }
        }
    }

    private static <T> T read(String answer, Class<T> type) throws InvalidAnswer {
        if (answer == null || answer.isBlank()) {
            throw new InvalidAnswer("the answer was empty; answer with one JSON object");
        }
        int start = answer.indexOf('{');
        int end = answer.lastIndexOf('}');
        if (start < 0) {
            throw new InvalidAnswer("the answer contains no JSON object; answer with one JSON object only");
        }
        if (end < start) {
            throw new InvalidAnswer("the JSON object never closes — the answer was cut off; answer again, shorter if needed");
        }
        try {
            T value = JSON.readValue(answer.substring(start, end + 1), type);
            if (value == null) {
                throw new InvalidAnswer("the answer's JSON is null");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new InvalidAnswer("the JSON does not parse (" + e.getOriginalMessage()
                    + "); answer with one complete, valid JSON object");
        }
    }

    private static <T> T valid(T value, List<String> problems) throws InvalidAnswer {
        if (!problems.isEmpty()) {
            throw new InvalidAnswer(String.join("; ", problems));
        }
        return value;
    }

    private static void require(List<String> problems, String value, String field) {
        if (blank(value)) {
            problems.add(field + " is missing or empty");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
