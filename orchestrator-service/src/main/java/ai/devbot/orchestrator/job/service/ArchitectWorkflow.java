package ai.devbot.orchestrator.job.service;

import java.util.Set;

import jakarta.inject.Singleton;

import ai.devbot.orchestrator.client.agent.Agent;
import ai.devbot.orchestrator.client.projectstore.ProjectStore;
import ai.devbot.orchestrator.config.OrchestratorConfig;
import ai.devbot.orchestrator.quote.Quotes;
import ai.devbot.orchestrator.job.model.Job;
import ai.devbot.orchestrator.job.model.JobStep;
import ai.devbot.orchestrator.reply.Replies;
import io.smallrye.mutiny.Uni;

/**
 * A workflow of two steps: the architect is asked (a model step, held and charged by {@link ModelSteps}),
 * then what it answered is saved and shown. Plan, change request and README are this shape; they are
 * {@code @Singleton} (no client proxy, which would need a no-args constructor this base cannot offer).
 */
abstract class ArchitectWorkflow implements Workflow {

    /** What such a workflow works with; its fields are read directly, so it must never be a client proxy. */
    @Singleton
    static class Tools {
        final OrchestratorConfig config;
        final Agent agent;
        final ProjectStore store;
        final ModelSteps models;
        final JobProgress progress;
        final Replies replies;
        final JobReads reads;
        final Quotes quotes;

        Tools(OrchestratorConfig config, Agent agent, ProjectStore store, ModelSteps models, JobProgress progress,
                Replies replies, JobReads reads, Quotes quotes) {
            this.config = config;
            this.agent = agent;
            this.store = store;
            this.models = models;
            this.progress = progress;
            this.replies = replies;
            this.reads = reads;
            this.quotes = quotes;
        }
    }

    private final JobStep ask;
    private final JobStep save;

    ArchitectWorkflow(JobStep ask, JobStep save) {
        this.ask = ask;
        this.save = save;
    }

    /** Calls the architect; answers {@code save}'s step once it answered. */
    abstract Uni<JobStep> ask(Job job);

    /** Stores and shows the answer; answers FINISH. */
    abstract JobStep save(Job job);

    @Override
    public Set<JobStep> steps() {
        return Set.of(ask, save);
    }

    @Override
    public Uni<JobStep> run(JobStep step, Job job) {
        if (step == ask) {
            return ask(job);
        }
        if (step == save) {
            return Workflow.next(save(job));
        }
        throw new IllegalArgumentException(step.name());
    }
}
