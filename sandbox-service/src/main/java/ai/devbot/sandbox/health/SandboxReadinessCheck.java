package ai.devbot.sandbox.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import ai.devbot.sandbox.runner.SandboxRunner;
import ai.devbot.sandbox.runner.local.BubblewrapRunner;

/** Ready when the runner can take runs; otherwise the reason an operator must fix. */
@Readiness
@ApplicationScoped
public class SandboxReadinessCheck implements HealthCheck {

    static final String NAME = "Sandbox runner";

    private final SandboxRunner runner;

    SandboxReadinessCheck(SandboxRunner runner) {
        this.runner = runner;
    }

    @Override
    public HealthCheckResponse call() {
        String reason = runner.unavailableReason();
        var response = HealthCheckResponse.named(NAME).status(reason == null);
        if (reason != null) {
            response.withData("reason", reason);
        }
        if (runner instanceof BubblewrapRunner local) {
            response.withData("runner", "local").withData("cgroups", local.usesCgroups())
                    .withData("busy", local.busySlots());
        }
        return response.build();
    }
}
