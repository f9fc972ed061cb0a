package ai.devbot.orchestrator.client.sandbox;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import ai.devbot.orchestrator.client.Calls;
import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;

/**
 * sandbox-service for the orchestrator: runs a project's checks once per run id (the step id), so a re-delivered
 * step reads the first run's result instead of running again. Busy (503, 202) is transient and retried.
 */
@ApplicationScoped
public class Sandbox {

    private static final String NAME = "sandbox-service";

    private final SandboxApi api;

    Sandbox(@RestClient SandboxApi api) {
        this.api = api;
    }

    /** Sandbox run ids allow letters, digits and {@code . _ : -}; step ids use {@code /} too. */
    public static String runIdOf(String stepId) {
        return stepId.replace('/', ':');
    }

    /** The project's setup (when not blank; it may reach the registries) and check commands, in that order. */
    public static List<SandboxRecords.CommandSpec> commands(String setup, String check) {
        List<SandboxRecords.CommandSpec> commands = new ArrayList<>();
        if (setup != null && !setup.isBlank()) {
            commands.add(new SandboxRecords.CommandSpec("setup", setup, null, true));
        }
        commands.add(new SandboxRecords.CommandSpec("check", check, null, false));
        return commands;
    }

    /** The run's result once it ran; no thread waits meanwhile (the answer is read on a worker). */
    @AsynchronousNonBlocking
    @Retry(maxRetries = 5, delay = 2, delayUnit = ChronoUnit.SECONDS, jitter = 500, retryOn = Calls.TransientFailure.class)
    @Timeout(value = 40, unit = ChronoUnit.MINUTES)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.75, delay = 10, delayUnit = ChronoUnit.SECONDS,
            failOn = Calls.TransientFailure.class)
    public Uni<SandboxRecords.RunResult> run(SandboxRecords.RunRequest request) {
        return Calls.responseLater(NAME, () -> api.run(request)).map(response -> read(request, response));
    }

    private static SandboxRecords.RunResult read(SandboxRecords.RunRequest request, Response response) {
        if (response.getStatus() >= 500) {
            throw new Calls.TransientFailure(NAME, new IllegalStateException("HTTP " + response.getStatus() + " "
                    + Calls.errorOf(response)));
        }
        if (response.getStatus() == 202) {
            throw new Calls.TransientFailure(NAME, new IllegalStateException("run " + request.runId() + " still running"));
        }
        if (response.getStatus() != 200) {
            throw new IllegalStateException(NAME + " refused the run: " + Calls.errorOf(response));
        }
        return response.readEntity(SandboxRecords.RunResult.class);
    }
}
