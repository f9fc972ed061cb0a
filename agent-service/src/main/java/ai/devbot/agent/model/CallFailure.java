package ai.devbot.agent.model;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

import jakarta.ws.rs.WebApplicationException;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.RateLimitException;
import io.vertx.core.http.HttpClosedException;

/**
 * What went wrong in one model call, read from whatever the HTTP client threw: the provider's
 * status code, or 0 when there was no answer at all, and what it means ({@link Cause}, from the
 * providers' documented error bodies). The message is the provider's, never a key.
 */
public record CallFailure(int status, String message, Cause cause) {

    /** Whose fault the failure is, which decides what happens to the key. */
    public enum Cause {
        /** The key itself is invalid, revoked or lacks access: disable it, another key may work. */
        KEY_REFUSED,
        /**
         * This request is refused whatever the key: moderation flagged the prompt (OpenRouter's 403 with
         * {@code error.metadata.reasons}), the context is too long, the account behind the key has no credit
         * (402), the model is unknown (404). The call fails for this user; the key stays in service.
         */
        REQUEST_REFUSED,
        RATE_LIMITED,
        /** No answer or a server error: another try, with the next key, may work. */
        TRANSIENT,
        OTHER
    }

    public CallFailure(int status, String message) {
        this(status, message, classify(status, message));
    }

    /**
     * OpenRouter: 401 invalid or disabled key; 402 no credit; 403 moderation; 400 bad request or
     * context too long; 404 no such model. Gemini: 400 INVALID_ARGUMENT, but API_KEY_INVALID in its
     * details for a bad key; 403 PERMISSION_DENIED for a key without access.
     */
    static Cause classify(int status, String body) {
        String text = body == null ? "" : body.toLowerCase(Locale.ROOT);
        if (status == 429) {
            return Cause.RATE_LIMITED;
        }
        if (status == 0 || status == 408 || status >= 500) {
            return Cause.TRANSIENT;
        }
        if (status == 401 || (status == 400 && (text.contains("api_key_invalid") || text.contains("api key not valid")
                || text.contains("api key expired")))) {
            return Cause.KEY_REFUSED;
        }
        if (status == 403) {
            return text.contains("moderation") || text.contains("flagged") ? Cause.REQUEST_REFUSED : Cause.KEY_REFUSED;
        }
        if (status == 400 || status == 402 || status == 404 || status == 413 || status == 422) {
            return Cause.REQUEST_REFUSED;
        }
        return Cause.OTHER;
    }

    public static CallFailure of(Throwable thrown) {
        // The provider's status and body first, wherever in the chain they are: a 403 that the client
        // wraps as an authentication error may still be a moderation refusal.
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpException http) {
                return new CallFailure(http.statusCode(),
                        cause == thrown ? message(http) : message(thrown) + ": " + message(http));
            }
            if (cause instanceof WebApplicationException web && web.getResponse() != null) {
                return new CallFailure(web.getResponse().getStatus(), message(thrown));
            }
        }
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof RateLimitException) {
                return new CallFailure(429, message(thrown));
            }
            if (cause instanceof AuthenticationException) {
                return new CallFailure(401, message(thrown));
            }
            if (cause instanceof InternalServerException) {
                return new CallFailure(500, message(thrown));
            }
            // Vert.x reports a connection the provider dropped mid-answer as HttpClosedException, not an IOException.
            if (cause instanceof IOException || cause instanceof TimeoutException || cause instanceof HttpClosedException
                    || cause instanceof dev.langchain4j.exception.TimeoutException) {
                return new CallFailure(0, message(thrown));
            }
        }
        return new CallFailure(-1, message(thrown));
    }

    public boolean rateLimited() {
        return cause == Cause.RATE_LIMITED;
    }

    public boolean keyRefused() {
        return cause == Cause.KEY_REFUSED;
    }

    public boolean requestRefused() {
        return cause == Cause.REQUEST_REFUSED;
    }

    /** Worth another try with the next key: no answer, 429 or a server error. */
    public boolean transientFailure() {
        return cause == Cause.TRANSIENT || cause == Cause.RATE_LIMITED;
    }

    private static String message(Throwable thrown) {
        return thrown.getMessage() == null ? thrown.getClass().getSimpleName() : thrown.getMessage();
    }

    /** What a refused request means for the user, in our words (the provider's stay in the log). */
    public String refusalForUser() {
        String text = message.toLowerCase(Locale.ROOT);
        if (status == 403) {
            return "the model provider's moderation flagged this request; rephrase it and try again";
        }
        if (status == 402) {
            return "the model provider account has no credit left; try again later";
        }
        if (status == 404) {
            return "the model is not available at its provider right now; try again later";
        }
        if (status == 413 || text.contains("context length") || text.contains("too long") || text.contains("too many tokens")) {
            return "the request is too long for the model; shorten it or split the work into smaller tasks";
        }
        return "the model provider refused this request (HTTP " + status + ")";
    }

    /** The provider's message, short enough for a log line or a user's answer. */
    public String shortMessage() {
        return message.length() > 300 ? message.substring(0, 300) + "…" : message;
    }
}
