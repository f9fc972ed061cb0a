package ai.devbot.simulator.telegram.api;

/** An error answered the way Telegram does: HTTP status = error_code, JSON body with ok:false. */
public class BotApiException extends RuntimeException {

    private final int errorCode;
    private final Integer retryAfter;

    private BotApiException(int errorCode, String description, Integer retryAfter) {
        super(description);
        this.errorCode = errorCode;
        this.retryAfter = retryAfter;
    }

    public static BotApiException badRequest(String detail) {
        return new BotApiException(400, "Bad Request: " + detail, null);
    }

    public static BotApiException unauthorized() {
        return new BotApiException(401, "Unauthorized", null);
    }

    public static BotApiException notFound() {
        return new BotApiException(404, "Not Found", null);
    }

    public static BotApiException tooLarge() {
        return new BotApiException(413, "Request Entity Too Large", null);
    }

    public static BotApiException conflict(String detail) {
        return new BotApiException(409, "Conflict: " + detail, null);
    }

    public static BotApiException tooManyRequests(int retryAfterSeconds) {
        return new BotApiException(429, "Too Many Requests: retry after " + retryAfterSeconds, retryAfterSeconds);
    }

    public int errorCode() {
        return errorCode;
    }

    public String description() {
        return getMessage();
    }

    public Integer retryAfter() {
        return retryAfter;
    }
}
