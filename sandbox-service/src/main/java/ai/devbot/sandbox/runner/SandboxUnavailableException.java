package ai.devbot.sandbox.runner;

/** The host cannot run sandboxes right now (no free place, missing tool, broken setup): no command ran. */
public class SandboxUnavailableException extends Exception {

    public SandboxUnavailableException(String message) {
        super(message);
    }

    public SandboxUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
