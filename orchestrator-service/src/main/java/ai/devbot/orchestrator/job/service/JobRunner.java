package ai.devbot.orchestrator.job.service;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

import ai.devbot.orchestrator.client.ServiceUnavailableException;
import ai.devbot.orchestrator.client.agent.AgentFailure;
import ai.devbot.orchestrator.job.messaging.StepPublisher;
import ai.devbot.orchestrator.job.model.Choice;
import ai.devbot.orchestrator.job.model.Job;
import ai.devbot.orchestrator.job.model.JobStep;
import ai.devbot.orchestrator.job.model.StepMessage;
import ai.devbot.orchestrator.reply.Markdown;
import ai.devbot.orchestrator.support.ErrorReference;
import ai.devbot.orchestrator.support.InOrderPerKey;
import ai.devbot.orchestrator.support.Instance;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Runs step messages. A step runs only if it is its job's current step (a duplicate or stale
 * message is dropped); its effects are idempotent by the step id; then the next step is issued
 * and only after that the job is saved with it (a step that waits for the user is saved and not issued) — so a crash at any point either re-runs the same
 * step (same ids, no repeated effects) or finds the next one already issued.
 */
@ApplicationScoped
public class JobRunner {

    private static final Logger LOG = Logger.getLogger(JobRunner.class);
    private static final int TRANSIENT_TRIES = 4;

    private final JobStore jobs;
    private final StepPublisher steps;
    private final JobSteps work;
    private final JobProgress progress;
    private final MeterRegistry metrics;
    /** Steps of one job never run at once (its messages share a partition, so they reach one instance). */
    private final InOrderPerKey perJob = new InOrderPerKey(Infrastructure.getDefaultWorkerPool());

    JobRunner(JobStore jobs, StepPublisher steps, JobSteps work, JobProgress progress, MeterRegistry metrics) {
        this.jobs = jobs;
        this.steps = steps;
        this.work = work;
        this.progress = progress;
        this.metrics = metrics;
        metrics.gauge("devbot.orchestrator.jobs.stepping", perJob, InOrderPerKey::busyKeys);
    }

    /** Starts a new job: stores it and issues its first step. False when it exists already (a re-run command). */
    public boolean start(Job job, JobStep first) {
        job.step = first;
        job.stepId = StepMessage.idOf(job, first);
        if (!jobs.create(job)) {
            Job existing = jobs.get(job.id).orElseThrow();
            if (!existing.finished()) {
                // The command ran before and crashed after creating the job: make sure its step is out.
                steps.issue(existing);
            }
            return false;
        }
        metrics.counter("devbot.orchestrator.jobs.started", "kind", job.kind().name()).increment();
        steps.issue(job);
        return true;
    }

    /**
     * Runs the message's step once the job's earlier step ended; the stage ends when the step did (its next step
     * issued and the job saved). No thread waits meanwhile: blocking work runs on workers, a model's answer is awaited.
     */
    public CompletionStage<Void> run(StepMessage message) {
        return perJob.submit(message.jobId(), () -> {
            Job job = jobs.get(message.jobId()).orElse(null);
            if (job == null || job.finished() || !message.stepId().equals(job.stepId)) {
                LOG.infof("step %s skipped: its job is at %s", message.stepId(),
                        job == null ? "(no such job)" : job.finished() ? "its end" : job.stepId);
                return Uni.createFrom().voidItem();
            }
            return runCurrent(job);
        });
    }

    /**
     * Re-issues the current step of running jobs that made no progress for a while (a lost message). A job waiting
     * for its user is left waiting unless the user answered (or cancelled) and that step's message was lost, or
     * its pause ran out: then the expiry is its choice.
     */
    public void resumeStalled(Duration stallAfter) {
        Instant now = Instant.now();
        Instant before = now.minus(stallAfter);
        for (String id : jobs.running()) {
            jobs.get(id).filter(job -> !job.finished()).ifPresent(job -> {
                boolean stale = job.updatedAt != null && job.updatedAt.isBefore(before);
                if (job.paused()) {
                    boolean answered = jobs.choice(id, job.stepId).isPresent() || jobs.cancelRequested(id);
                    if (!answered && job.pause() != null && job.pause().expiresAt().isBefore(now)
                            && jobs.choose(id, job.stepId, Choice.EXPIRED)) {
                        LOG.infof("job %s waited for its user since %s; its pause expired", id, job.updatedAt);
                        steps.issue(job);
                    } else if (answered && stale) {
                        reissue(job);
                    }
                } else if (stale) {
                    reissue(job);
                }
            });
        }
    }

    private void reissue(Job job) {
        LOG.infof("job %s made no progress since %s; re-issuing step %s", job.id, job.updatedAt, job.stepId);
        job.updatedAt = Instant.now();
        jobs.save(job);
        steps.issue(job);
    }

    private Uni<Void> runCurrent(Job job) {
        String stepId = job.stepId;
        JobStep step = job.step;
        long started = System.nanoTime();
        LOG.infof("job %s: step %s started", job.id, stepId);
        if (step != JobStep.FINISH && jobs.cancelRequested(job.id)) {
            job.ending = Job.State.CANCELLED;
            job.lastNote = "cancelled by the user";
            return Uni.createFrom().voidItem().invoke(() -> ended(job, stepId, step, JobStep.FINISH, started));
        }
        return runWithRetries(job, 1).invoke(next -> ended(job, stepId, step, next, started)).replaceWithVoid();
    }

    /** Records the step, then issues the next one and only after that saves the job with it (see the class comment). */
    private void ended(Job job, String stepId, JobStep step, JobStep next, long started) {
        job.history.add(new Job.StepRecord(stepId, step, Instant.now(), job.lastNote, Instance.ID));
        job.lastNote = null;
        if (next == null) {
            if (job.ending == Job.State.RUNNING) {
                job.ending = Job.State.DONE;
            }
            job.step = null;
            job.stepId = null;
            jobs.save(job);
            metrics.counter("devbot.orchestrator.jobs.finished", "kind", job.kind().name(), "state", job.state().name())
                    .increment();
            return;
        }
        job.step = next;
        job.stepId = StepMessage.idOf(job, next);
        if (!next.waitsForUser()) {
            steps.issue(job);
        }
        jobs.save(job);
        LOG.infof("job %s: step %s finished in %d ms; next %s", job.id, stepId,
                (System.nanoTime() - started) / 1_000_000, job.stepId);
    }

    /** Runs the step; transient failures of a service are retried, then end the job with a clear reason. */
    private Uni<JobStep> runWithRetries(Job job, int attempt) {
        return Uni.createFrom().deferred(() -> work.run(job))
                // Whatever thread the answer came on, what follows may block.
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .onFailure().recoverWithUni(failure -> failed(job, attempt, failure));
    }

    private Uni<JobStep> failed(Job job, int attempt, Throwable thrown) {
        if (thrown instanceof ModelSteps.InsufficientCredits e) {
            job.ending = Job.State.FAILED;
            job.failure = progress.insufficientCredits(e.shortfall);
            return Workflow.next(JobStep.FINISH);
        }
        if (thrown instanceof AgentFailure e) {
            job.ending = Job.State.FAILED;
            job.failure = "The model could not do this step: " + Markdown.text(e.getMessage());
            return Workflow.next(job.step == JobStep.FINISH ? null : JobStep.FINISH);
        }
        if (thrown instanceof ServiceUnavailableException || thrown instanceof IllegalStateException
                || thrown instanceof FaultToleranceException) {
            if (attempt >= TRANSIENT_TRIES || job.step == JobStep.FINISH) {
                String reference = ErrorReference.next();
                LOG.errorf(thrown, "job %s: step %s failed [ref %s]", job.id, job.stepId, reference);
                return Workflow.next(failed(job, "A platform service is not answering. Nothing was lost: try again "
                        + "in a few minutes (reference " + Markdown.code(reference) + ")."));
            }
            LOG.warnf("job %s: step %s failed (%s); trying again", job.id, job.stepId, thrown.getMessage());
            return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(1000L << attempt))
                    .emitOn(Infrastructure.getDefaultWorkerPool())
                    .chain(() -> runWithRetries(job, attempt + 1));
        }
        if (thrown instanceof RuntimeException) {
            // Permanent: a service refused the request (4xx, validation) or a bug. Trying again would fail
            // the same way, so the job ends now — its holds and its project lock released — instead of
            // going to the dead-letter topic and being re-issued by the stall check forever.
            String reference = ErrorReference.next();
            LOG.errorf(thrown, "job %s: step %s failed permanently [ref %s]", job.id, job.stepId, reference);
            metrics.counter("devbot.orchestrator.steps.poison", "step", String.valueOf(job.step)).increment();
            return Workflow.next(failed(job, "This step cannot succeed as it is, so I stopped here; nothing more is "
                    + "charged for it. Try a different request, or tell support the reference "
                    + Markdown.code(reference) + "."));
        }
        return Uni.createFrom().failure(thrown);
    }

    private JobStep failed(Job job, String failure) {
        job.ending = Job.State.FAILED;
        job.failure = failure;
        if (job.step == JobStep.FINISH) {
            work.release(job);
            return null;
        }
        return JobStep.FINISH;
    }

}
