package ai.devbot.agent.model;

/**
 * A model call that failed for good (after retries, or at once when retrying cannot help); the
 * message says which model and why, in words an operator or the orchestrator can act on.
 */
public class ModelCallException extends RuntimeException {

    private final int status;

    public ModelCallException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The provider's HTTP status, 0 for no answer, -1 when unknown. */
    public int status() {
        return status;
    }

    /** Worth retrying the same call: no answer, 429, 5xx. */
    static class Transient extends ModelCallException {
        Transient(String message, int status, Throwable cause) {
            super(message, status, cause);
        }
    }

    /**
     * This request is refused whatever the key (moderation, too long, no credit, no such model): not
     * retried, the key stays in service, the message is for the user.
     */
    public static class RequestRefused extends ModelCallException {
        RequestRefused(String message, int status, Throwable cause) {
            super(message, status, cause);
        }
    }

    /** The key was refused (invalid, revoked, no access): another key may work; not the provider's fault. */
    static class KeyRefused extends ModelCallException {
        KeyRefused(String message, int status, Throwable cause) {
            super(message, status, cause);
        }
    }
}
