package ai.devbot.sandbox.run;

/**
 * How one command ended. {@code exitCode} is null when it never ran (an earlier command failed) or was killed
 * by the sandbox; {@code limit} names the limit that stopped it ({@code wall-time}, {@code cpu-time},
 * {@code memory}, {@code processes}, {@code disk}, {@code output}) and {@code reason} says it in words.
 */
public record CommandResult(String name, String command, String outcome, Integer exitCode, long durationMs,
        boolean timedOut, String limit, String reason, String stdoutTail, String stderrTail, long outputBytes,
        TestSummary tests, boolean cached) {

    public static final String PASSED = "PASSED";
    public static final String FAILED = "FAILED";
    public static final String SKIPPED = "SKIPPED";

    public static CommandResult skipped(CommandSpec spec) {
        return new CommandResult(spec.name(), spec.command(), SKIPPED, null, 0, false, null,
                "not run: an earlier command failed", "", "", 0, null, false);
    }
}
