package ai.devbot.sandbox.runner;

/**
 * How one command ended inside the sandbox. {@code exitCode} is the command's status (128 + signal when a
 * signal ended it); {@code limit} is set when the sandbox stopped it.
 */
public record CommandOutcome(int exitCode, long durationMs, Limit limit, String limitDetail, String stdoutTail,
        String stderrTail, long outputBytes, boolean cached) {

    /** A setup not run again: what an earlier identical setup left was restored. */
    public static CommandOutcome restored() {
        return new CommandOutcome(0, 0, null, null, "", "", 0, true);
    }

    public boolean succeeded() {
        return exitCode == 0 && limit == null;
    }
}
