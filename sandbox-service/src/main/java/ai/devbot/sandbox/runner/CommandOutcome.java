package ai.devbot.sandbox.runner;

/**
 * How one command ended inside the sandbox. {@code exitCode} is the command's status (128 + signal when a
 * signal ended it); {@code limit} is set when the sandbox stopped it.
 */
public record CommandOutcome(int exitCode, long durationMs, Limit limit, String limitDetail, String stdoutTail,
        String stderrTail, long outputBytes) {

    public boolean succeeded() {
        return exitCode == 0 && limit == null;
    }
}
