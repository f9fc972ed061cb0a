package ai.devbot.orchestrator.job.service;

import jakarta.enterprise.context.ApplicationScoped;

import ai.devbot.orchestrator.config.OrchestratorConfig;
import io.quarkus.scheduler.Scheduled;

/** Re-issues the current step of jobs that stopped making progress (e.g. a step message that never arrived). */
@ApplicationScoped
public class StalledJobs {

    private final JobRunner runner;
    private final OrchestratorConfig config;

    StalledJobs(JobRunner runner, OrchestratorConfig config) {
        this.runner = runner;
        this.config = config;
    }

    @Scheduled(every = "${orchestrator.jobs.stall-check-interval:60s}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void resume() {
        runner.resumeStalled(config.jobs().stallAfter());
    }
}
