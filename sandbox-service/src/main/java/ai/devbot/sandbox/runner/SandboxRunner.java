package ai.devbot.sandbox.runner;

/**
 * Executes a run's commands in a fresh sandbox, one after another in the same work directory, stopping after
 * the first that fails. Implementations: {@code local} (bubblewrap on this host) and, in production, one
 * Kubernetes Job per run. Model-written code only ever runs through here.
 */
public interface SandboxRunner {

    RunOutcome run(RunPlan plan) throws SandboxUnavailableException;

    /** Null when the runner can take runs; otherwise what an operator must fix. */
    String unavailableReason();
}
