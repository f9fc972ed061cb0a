package ai.devbot.agent.model;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

import jakarta.ws.rs.WebApplicationException;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.RateLimitException;

/**
 * What went wrong in one model call, read from whatever the HTTP client threw: the provider's
 * status code, or 0 when there was no answer at all. The message is the provider's, never a key.
 */
public record CallFailure(int status, String message) {

    public static CallFailure of(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpException http) {
                return new CallFailure(http.statusCode(), message(thrown));
            }
            if (cause instanceof WebApplicationException web && web.getResponse() != null) {
                return new CallFailure(web.getResponse().getStatus(), message(thrown));
            }
            if (cause instanceof RateLimitException) {
                return new CallFailure(429, message(thrown));
            }
            if (cause instanceof AuthenticationException) {
                return new CallFailure(401, message(thrown));
            }
            if (cause instanceof InternalServerException) {
                return new CallFailure(500, message(thrown));
            }
            if (cause instanceof IOException || cause instanceof TimeoutException
                    || cause instanceof dev.langchain4j.exception.TimeoutException) {
                return new CallFailure(0, message(thrown));
            }
        }
        return new CallFailure(-1, message(thrown));
    }

    public boolean rateLimited() {
        return status == 429;
    }

    public boolean keyRefused() {
        return status == 401 || status == 403;
    }

    /** Worth another try with the next key: no answer, 429 or a server error. */
    public boolean transientFailure() {
        return status == 0 || status == 429 || status >= 500;
    }

    private static String message(Throwable thrown) {
        String text = thrown.getMessage() == null ? thrown.getClass().getSimpleName() : thrown.getMessage();
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
