package ai.devbot.sandbox.error;

/** A refusal with the HTTP status and code a caller can act on. */
public class SandboxException extends RuntimeException {

    private final int status;
    private final String code;
    private final Integer retryAfterSeconds;

    public SandboxException(int status, String code, String message) {
        this(status, code, message, null);
    }

    public SandboxException(int status, String code, String message, Integer retryAfterSeconds) {
        super(message);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
