package ai.devbot.simulator.llm;

/**
 * What the simulated provider answers: a completion (text, finish reason, token usage) or a fault
 * (HTTP status with the provider's error body, optional Retry-After, or a malformed body).
 */
public record LlmReply(int status, String text, boolean truncated, boolean malformedBody, Integer retryAfterSeconds,
        String errorMessage, long delayMillis, long promptTokens, long completionTokens, String rule) {

    /** OpenRouter's words for a prompt its moderation flagged (403, with the reasons in error.metadata). */
    public static final String MODERATION_MESSAGE = "Your chosen model requires moderation and your input was flagged "
            + "(simulated)";

    public static LlmReply completion(String text, long promptTokens, long completionTokens, String rule) {
        return new LlmReply(200, text, false, false, null, null, 0, promptTokens, completionTokens, rule);
    }

    public static LlmReply error(int status, String message, Integer retryAfterSeconds, String rule) {
        return new LlmReply(status, null, false, false, retryAfterSeconds, message, 0, 0, 0, rule);
    }

    public LlmReply delayed(long millis) {
        return new LlmReply(status, text, truncated, malformedBody, retryAfterSeconds, errorMessage, millis,
                promptTokens, completionTokens, rule);
    }

    public LlmReply asTruncated(String cutText, long completionTokens) {
        return new LlmReply(status, cutText, true, false, null, null, delayMillis, promptTokens, completionTokens, rule);
    }

    public LlmReply asMalformed() {
        return new LlmReply(200, text, false, true, null, null, delayMillis, promptTokens, completionTokens, rule);
    }

    public boolean isError() {
        return status >= 400;
    }
}
