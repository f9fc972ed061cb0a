package ai.devbot.orchestrator.job.service;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

import ai.devbot.orchestrator.client.ServiceUnavailableException;
import ai.devbot.orchestrator.client.agent.AgentFailure;
import ai.devbot.orchestrator.job.messaging.StepPublisher;
import ai.devbot.orchestrator.job.model.Job;
import ai.devbot.orchestrator.job.model.JobStep;
import ai.devbot.orchestrator.job.model.StepMessage;
import ai.devbot.orchestrator.reply.Markdown;
import ai.devbot.orchestrator.support.ErrorReference;
import ai.devbot.orchestrator.support.Instance;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Runs step messages. A step runs only if it is its job's current step (a duplicate or stale
 * message is dropped); its effects are idempotent by the step id; then the next step is issued
 * and only after that the job is saved with it — so a crash at any point either re-runs the same
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
    /** Steps of one job never run concurrently here (its messages share a partition, so one instance). */
    private final Map<String, JobLock> running = new ConcurrentHashMap<>();

    /**
     * A job's lock and how many threads hold or wait for it, counted inside the map's atomic compute: a lock is
     * dropped only when nobody can still be about to take it (dropping it on a plain "unlocked and no queue"
     * check let a thread lock a dropped lock while the next step's thread made a new one, so that step read the
     * job before the previous step had saved it, was skipped, and the job stalled).
     */
    private static final class JobLock {
        final ReentrantLock lock = new ReentrantLock();
        int users;
    }

    JobRunner(JobStore jobs, StepPublisher steps, JobSteps work, JobProgress progress, MeterRegistry metrics) {
        this.jobs = jobs;
        this.steps = steps;
        this.work = work;
        this.progress = progress;
        this.metrics = metrics;
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
        metrics.counter("devbot.orchestrator.jobs.started", "kind", job.kind.name()).increment();
        steps.issue(job);
        return true;
    }

    public void run(StepMessage message) {
        JobLock held = running.compute(message.jobId(), (id, existing) -> {
            JobLock lock = existing == null ? new JobLock() : existing;
            lock.users++;
            return lock;
        });
        held.lock.lock();
        try {
            Job job = jobs.get(message.jobId()).orElse(null);
            if (job == null || job.finished() || !message.stepId().equals(job.stepId)) {
                LOG.infof("step %s skipped: its job is at %s", message.stepId(),
                        job == null ? "(no such job)" : job.finished() ? "its end" : job.stepId);
                return;
            }
            runCurrent(job);
        } finally {
            held.lock.unlock();
            running.compute(message.jobId(), (id, lock) -> --lock.users == 0 ? null : lock);
        }
    }

    /** Re-issues the current step of running jobs that made no progress for a while (a lost message). */
    public void resumeStalled(java.time.Duration stallAfter) {
        Instant before = Instant.now().minus(stallAfter);
        for (String id : jobs.running()) {
            jobs.get(id).filter(job -> !job.finished() && job.updatedAt != null && job.updatedAt.isBefore(before))
                    .ifPresent(job -> {
                        LOG.infof("job %s made no progress since %s; re-issuing step %s", id, job.updatedAt, job.stepId);
                        job.updatedAt = Instant.now();
                        jobs.save(job);
                        steps.issue(job);
                    });
        }
    }

    private void runCurrent(Job job) {
        String stepId = job.stepId;
        JobStep step = job.step;
        long started = System.nanoTime();
        LOG.infof("job %s: step %s started", job.id, stepId);
        JobStep next;
        String note = null;
        if (step != JobStep.FINISH && jobs.cancelRequested(job.id)) {
            job.state = Job.State.CANCELLED;
            next = JobStep.FINISH;
            note = "cancelled by the user";
        } else {
            next = runWithRetries(job);
        }
        job.history.add(new Job.StepRecord(stepId, step, Instant.now(), note != null ? note : job.lastNote,
                Instance.ID));
        job.lastNote = null;
        if (next == null) {
            job.over = true;
            if (job.state == Job.State.RUNNING) {
                job.state = Job.State.DONE;
            }
            jobs.save(job);
            metrics.counter("devbot.orchestrator.jobs.finished", "kind", job.kind.name(), "state", job.state.name())
                    .increment();
            return;
        }
        job.step = next;
        job.stepId = StepMessage.idOf(job, next);
        steps.issue(job);
        jobs.save(job);
        LOG.infof("job %s: step %s finished in %d ms; next %s", job.id, stepId,
                (System.nanoTime() - started) / 1_000_000, job.stepId);
    }

    /** Runs the step; transient failures of a service are retried, then end the job with a clear reason. */
    private JobStep runWithRetries(Job job) {
        for (int attempt = 1;; attempt++) {
            try {
                return work.run(job);
            } catch (ModelSteps.InsufficientCredits e) {
                job.state = Job.State.FAILED;
                job.failure = progress.insufficientCredits(e.shortfall);
                return JobStep.FINISH;
            } catch (AgentFailure e) {
                job.state = Job.State.FAILED;
                job.failure = "The model could not do this step: " + Markdown.text(e.getMessage());
                return job.step == JobStep.FINISH ? null : JobStep.FINISH;
            } catch (ServiceUnavailableException | IllegalStateException | FaultToleranceException e) {
                if (attempt >= TRANSIENT_TRIES || job.step == JobStep.FINISH) {
                    String reference = ErrorReference.next();
                    LOG.errorf(e, "job %s: step %s failed [ref %s]", job.id, job.stepId, reference);
                    return failed(job, "A platform service is not answering. Nothing was lost: try again in a few "
                            + "minutes (reference " + Markdown.code(reference) + ").");
                }
                LOG.warnf("job %s: step %s failed (%s); trying again", job.id, job.stepId, e.getMessage());
                sleep(1000L << attempt);
            } catch (RuntimeException e) {
                // Permanent: a service refused the request (4xx, validation) or a bug. Trying again would fail
                // the same way, so the job ends now — its holds and its project lock released — instead of
                // going to the dead-letter topic and being re-issued by the stall check forever.
                String reference = ErrorReference.next();
                LOG.errorf(e, "job %s: step %s failed permanently [ref %s]", job.id, job.stepId, reference);
                metrics.counter("devbot.orchestrator.steps.poison", "step", String.valueOf(job.step)).increment();
                return failed(job, "This step cannot succeed as it is, so I stopped here; nothing more is charged "
                        + "for it. Try a different request, or tell support the reference " + Markdown.code(reference)
                        + ".");
            }
        }
    }

    private JobStep failed(Job job, String failure) {
        job.state = Job.State.FAILED;
        job.failure = failure;
        if (job.step == JobStep.FINISH) {
            work.release(job);
            return null;
        }
        return JobStep.FINISH;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException("interrupted");
        }
    }
}
