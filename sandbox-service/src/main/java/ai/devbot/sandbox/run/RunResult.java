package ai.devbot.sandbox.run;

import java.time.Instant;
import java.util.List;

/**
 * A finished run. {@code status}: {@code PASSED} (every command exited 0), {@code FAILED} (one did not, or hit a
 * limit: see its result), {@code ERROR} (the run could not execute: {@code reason} says why — no command's
 * fault). {@code archiveSha256} names the exact project bytes that ran; {@code sandboxMillis} is what is metered.
 */
public record RunResult(String runId, long ownerId, long projectId, String status, String reason,
        String archiveSha256, List<CommandResult> commands, TestSummary tests, long sandboxMillis, Limits limits,
        Usage usage, Instant startedAt, Instant finishedAt) {

    /**
     * What the run costs, as billing's usage event carries it (docs/contracts/billing-usage/usage-sandbox.json):
     * the sandbox milliseconds as the input quantity of provider {@code sandbox}, model = the runner. Also
     * published on {@code billing-usage}; billing charges an event id once, whichever copy comes first.
     */
    public record Usage(String eventId, String provider, String model, long millis, Instant occurredAt) {
    }

    public static final String PASSED = "PASSED";
    public static final String FAILED = "FAILED";
    public static final String ERROR = "ERROR";
}
