package ai.devbot.simulator.llm.scenario;

import java.util.Locale;

import ai.devbot.simulator.llm.LlmRequest;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One scripted answer: when a request matches (every given field must), answer as {@code respond}
 * says, at most {@code times} times (absent: always).
 */
@RegisterForReflection(registerFullHierarchy = true)
public record ScenarioRule(String name, Match match, Integer times, Respond respond) {

    public record Match(String provider, String model, String operation, String promptContains, String apiKey) {

        boolean matches(LlmRequest request) {
            return (provider == null || provider.equalsIgnoreCase(request.provider().name()))
                    && (model == null || model.equals(request.model()))
                    && (operation == null || operation.equalsIgnoreCase(request.operation()))
                    && (promptContains == null || request.promptText().contains(promptContains))
                    && (apiKey == null || apiKey.equals(request.apiKey()));
        }
    }

    /**
     * {@code text}: the exact answer. {@code fault}: rate-limit, unauthorized, forbidden, invalid-key (Gemini's
     * 400 API_KEY_INVALID), moderation (OpenRouter's 403 for a flagged prompt), context-too-long (400),
     * credits-exhausted (402), server-error, malformed-json, truncated, edit-mismatch, review-reject or failing-tests (the implementer's
     * answer also adds a test that fails; an answer that later sees that test's output fixes it).
     */
    public record Respond(String text, String fault, Integer retryAfterSeconds, Long delayMs, Usage usage,
            String problem) {
    }

    public record Usage(Long inputTokens, Long outputTokens) {
    }

    public enum Fault {
        RATE_LIMIT, UNAUTHORIZED, FORBIDDEN, INVALID_KEY, MODERATION, CONTEXT_TOO_LONG, CREDITS_EXHAUSTED,
        SERVER_ERROR, MALFORMED_JSON, TRUNCATED, EDIT_MISMATCH, REVIEW_REJECT, FAILING_TESTS;

        static Fault parse(String value) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown fault '" + value + "'; known: rate-limit, unauthorized, "
                        + "forbidden, invalid-key, moderation, context-too-long, credits-exhausted, server-error, "
                        + "malformed-json, truncated, edit-mismatch, review-reject, failing-tests");
            }
        }
    }

    void validate() {
        if (respond == null) {
            throw new IllegalArgumentException("rule " + label() + " has no 'respond'");
        }
        if (respond.text() == null && respond.fault() == null && respond.delayMs() == null) {
            throw new IllegalArgumentException("rule " + label() + " needs respond.text, respond.fault or respond.delayMs");
        }
        if (respond.fault() != null) {
            Fault.parse(respond.fault());
        }
        if (times != null && times < 1) {
            throw new IllegalArgumentException("rule " + label() + ": times must be at least 1");
        }
    }

    String label() {
        return name == null ? "(unnamed)" : "'" + name + "'";
    }
}
