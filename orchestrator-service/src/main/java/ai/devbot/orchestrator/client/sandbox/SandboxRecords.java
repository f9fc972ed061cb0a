package ai.devbot.orchestrator.client.sandbox;

import java.util.List;

/** The orchestrator's own view of sandbox-service's runs (sandbox-service/README.md). */
public final class SandboxRecords {

    private SandboxRecords() {
    }

    /** {@code registries}: the command may reach the package registries (the setup installs dependencies). */
    public record CommandSpec(String name, String command, Integer timeoutSeconds, boolean registries) {
    }

    public record RunRequest(String runId, long ownerId, long projectId, String jobId, List<CommandSpec> commands) {
    }

    /** What the run costs: sandbox milliseconds under provider {@code sandbox} (billing's usage contract). */
    public record Usage(String eventId, String provider, String model, long millis, java.time.Instant occurredAt) {
    }

    public record Failure(String name, String message) {
    }

    public record TestSummary(String format, int total, int passed, int failed, int errors, int skipped,
            List<Failure> failures) {

        /** "12 passed" or "2 of 14 failed". */
        public String headline() {
            int bad = failed + errors;
            return bad == 0 ? passed + " passed" : bad + " of " + total + " failed";
        }
    }

    public record CommandResult(String name, String command, String outcome, Integer exitCode, long durationMs,
            boolean timedOut, String limit, String reason, String stdoutTail, String stderrTail, long outputBytes,
            TestSummary tests) {
    }

    public record RunResult(String runId, String status, String reason, List<CommandResult> commands,
            TestSummary tests, long sandboxMillis, Usage usage) {

        public boolean passed() {
            return "PASSED".equals(status);
        }

        /** The run could not execute at all (no command is to blame). */
        public boolean error() {
            return "ERROR".equals(status);
        }

        /** The first command that did not pass, or null. */
        public CommandResult failedCommand() {
            return commands == null ? null
                    : commands.stream().filter(c -> "FAILED".equals(c.outcome())).findFirst().orElse(null);
        }
    }
}
