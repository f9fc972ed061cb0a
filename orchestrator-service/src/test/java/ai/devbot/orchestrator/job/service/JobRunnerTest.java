package ai.devbot.orchestrator.job.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ai.devbot.orchestrator.client.agent.AgentFailure;
import ai.devbot.orchestrator.client.agent.AgentRecords;
import ai.devbot.orchestrator.job.messaging.StepPublisher;
import ai.devbot.orchestrator.job.model.Choice;
import ai.devbot.orchestrator.job.model.Job;
import ai.devbot.orchestrator.job.model.JobStep;
import ai.devbot.orchestrator.job.model.StepMessage;
import ai.devbot.orchestrator.job.model.Work;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * What the runner does around a step, with the store, the step topic and the workflows mocked: stale and
 * duplicate messages run nothing, a cancelled job goes straight to FINISH, a step's next step is issued before
 * the job is saved with it, FINISH leaves the job over, and failures end the job with a reason.
 */
class JobRunnerTest {

    private final JobStore jobs = mock(JobStore.class);
    private final StepPublisher steps = mock(StepPublisher.class);
    private final JobSteps work = mock(JobSteps.class);
    private final JobProgress progress = mock(JobProgress.class);
    private final JobRunner runner = new JobRunner(jobs, steps, work, progress, new SimpleMeterRegistry());
    private Job job;

    @BeforeEach
    void setUp() {
        job = new Job("job-tg-1", Work.Implement.of(List.of(3)).started(null));
        job.projectId = 7L;
        job.userId = 42;
        job.step = JobStep.REVIEW;
        job.stepId = StepMessage.idOf(job, JobStep.REVIEW);
        when(jobs.get(job.id)).thenReturn(Optional.of(job));
    }

    @Test
    void aMessageForAnotherStepThanTheJobsCurrentOneRunsNothing() throws Exception {
        run("job-tg-1/task-3/attempt-1/APPLY");

        verify(work, never()).run(any());
        verify(jobs, never()).save(any());
    }

    @Test
    void aMessageForAJobThatIsOverRunsNothing() throws Exception {
        String last = job.stepId;
        job.step = null;

        run(last);

        verify(work, never()).run(any());
    }

    @Test
    void aCancelledJobSkipsItsStepAndGoesToFinish() throws Exception {
        when(jobs.cancelRequested(job.id)).thenReturn(true);

        run(job.stepId);

        verify(work, never()).run(any());
        assertEquals(Job.State.CANCELLED, job.ending);
        assertEquals(JobStep.FINISH, job.step);
        assertEquals("job-tg-1/FINISH", job.stepId);
        assertEquals("cancelled by the user", job.history.get(0).note());
        var order = org.mockito.Mockito.inOrder(steps, jobs);
        order.verify(steps).issue(job);
        order.verify(jobs).save(job);
    }

    @Test
    void theNextStepIsIssuedAndTheStepRecorded() throws Exception {
        when(work.run(job)).thenReturn(Uni.createFrom().item(JobStep.TASK_DONE));

        run(job.stepId);

        assertEquals(JobStep.TASK_DONE, job.step);
        assertEquals("job-tg-1/task-3/TASK_DONE", job.stepId);
        assertEquals(JobStep.REVIEW, job.history.get(0).step());
        assertEquals(Job.State.RUNNING, job.state());
    }

    @Test
    void finishLeavesTheJobOverWithOneEndState() throws Exception {
        job.step = JobStep.FINISH;
        job.stepId = "job-tg-1/FINISH";
        when(work.run(job)).thenReturn(Uni.createFrom().nullItem());

        run(job.stepId);

        assertTrue(job.finished());
        assertNull(job.step);
        assertEquals(Job.State.DONE, job.state());
        verify(jobs).save(job);
        verify(steps, never()).issue(any());
    }

    @Test
    void aModelThatCannotDoTheStepEndsTheJobFailedWithItsReason() throws Exception {
        when(work.run(job)).thenReturn(Uni.createFrom().failure(new AgentFailure(400, "the request was refused",
                AgentRecords.Usage.none())));

        run(job.stepId);

        assertEquals(Job.State.FAILED, job.ending);
        assertEquals("The model could not do this step: the request was refused", job.failure);
        assertEquals(JobStep.FINISH, job.step);
    }

    @Test
    void aStepThatCannotSucceedEndsTheJobWithAReferenceInsteadOfLoopingThroughTheDeadLetters() throws Exception {
        when(work.run(job)).thenReturn(Uni.createFrom().failure(new IllegalArgumentException("bad request")));

        run(job.stepId);

        assertEquals(Job.State.FAILED, job.ending);
        assertTrue(job.failure.startsWith("This step cannot succeed as it is"), job.failure);
        assertTrue(job.failure.contains("reference `"), job.failure);
        assertEquals(JobStep.FINISH, job.step);
    }

    @Test
    void aStepThatWaitsForTheUserIsSavedButNeverIssued() throws Exception {
        when(work.run(job)).thenReturn(Uni.createFrom().item(JobStep.AWAIT_CHOICE));

        run(job.stepId);

        assertEquals(JobStep.AWAIT_CHOICE, job.step);
        assertTrue(job.paused());
        verify(jobs).save(job);
        verify(steps, never()).issue(any());
    }

    @Test
    void theStallCheckLeavesAnUnansweredPauseWaitingUntilItRunsOutThenChoosesItsExpiry() {
        pause(Instant.now().plusSeconds(3600));
        when(jobs.running()).thenReturn(List.of(job.id));

        runner.resumeStalled(java.time.Duration.ofMinutes(10));
        verify(steps, never()).issue(any());

        pause(Instant.now().minusSeconds(1));
        when(jobs.choose(job.id, job.stepId, Choice.EXPIRED)).thenReturn(true);
        runner.resumeStalled(java.time.Duration.ofMinutes(10));
        verify(jobs).choose(job.id, job.stepId, Choice.EXPIRED);
        verify(steps).issue(job);
        verify(jobs, never()).save(any());
    }

    @Test
    void theStallCheckIssuesAnAnsweredPauseWhoseMessageWasLost() {
        pause(Instant.now().plusSeconds(3600));
        when(jobs.running()).thenReturn(List.of(job.id));
        when(jobs.choice(job.id, job.stepId)).thenReturn(Optional.of(Choice.TRY_AGAIN));

        runner.resumeStalled(java.time.Duration.ofMinutes(10));

        verify(steps).issue(job);
        verify(jobs, never()).choose(any(), any(), any());
    }

    private void pause(Instant expiresAt) {
        Work.Implement implement = job.work(Work.Implement.class);
        job.work = implement.with(implement.attempt().paused(new Work.Pause("capped", JobStep.IMPLEMENT, 100,
                expiresAt)));
        job.step = JobStep.AWAIT_CHOICE;
        job.stepId = StepMessage.idOf(job, JobStep.AWAIT_CHOICE);
        job.updatedAt = Instant.now().minusSeconds(7200);
    }

    private void run(String stepId) throws Exception {
        runner.run(new StepMessage(stepId, job.id, job.kind(), job.projectId, 0, job.userId, job.step, 3, 1,
                Instant.now())).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
