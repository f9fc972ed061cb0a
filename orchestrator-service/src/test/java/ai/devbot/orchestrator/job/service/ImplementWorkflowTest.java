package ai.devbot.orchestrator.job.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import ai.devbot.orchestrator.client.agent.Agent;
import ai.devbot.orchestrator.client.agent.AgentFailure;
import ai.devbot.orchestrator.client.agent.AgentRecords;
import ai.devbot.orchestrator.client.projectstore.ProjectStore;
import ai.devbot.orchestrator.client.projectstore.StoreRecords;
import ai.devbot.orchestrator.client.sandbox.SandboxRecords;
import ai.devbot.orchestrator.config.OrchestratorConfig;
import ai.devbot.orchestrator.job.model.Choice;
import ai.devbot.orchestrator.job.model.Job;
import ai.devbot.orchestrator.job.model.JobStep;
import ai.devbot.orchestrator.job.model.Work;
import io.smallrye.mutiny.Uni;

/**
 * Every branch of a task's implementation, step by step, with project-store, the models and the sandbox mocked:
 * what each outcome leads to and what the next attempt is told.
 */
class ImplementWorkflowTest {

    private static final long PROJECT = 7;
    private static final long USER = 42;
    private static final AgentRecords.Checks CHECKS = new AgentRecords.Checks("npm ci", "npm test");

    private final OrchestratorConfig config = mock(OrchestratorConfig.class, RETURNS_DEEP_STUBS);
    private final ProjectStore store = mock(ProjectStore.class);
    private final ModelSteps models = mock(ModelSteps.class);
    private final SandboxSteps sandbox = mock(SandboxSteps.class);
    private final JobStore jobs = mock(JobStore.class);
    private final JobProgress progress = mock(JobProgress.class);
    private final WorstCase worstCase = mock(WorstCase.class);
    /** One attempt at its worst: what "Try again" may spend. */
    private static final long EXTRA = 600;
    private ImplementWorkflow workflow;
    private Job job;
    /** What the last model call was asked (built by the workflow from the call id). */
    private Object lastRequest;

    @BeforeEach
    void setUp() {
        when(config.jobs().maxAttempts()).thenReturn(3);
        when(config.jobs().taskCreditCap()).thenReturn(1_000L);
        when(config.jobs().contextBudgetTokens()).thenReturn(4_000);
        when(config.jobs().runChecks()).thenReturn(true);
        when(config.jobs().stallAfter()).thenReturn(Duration.ofMinutes(10));
        when(config.jobs().pauseExpiry()).thenReturn(Duration.ofHours(24));
        when(worstCase.attempt(null)).thenReturn(EXTRA);
        when(worstCase.taskCreditCap(null)).thenReturn(1_000L);
        workflow = new ImplementWorkflow(config, mock(Agent.class), store, models, progress, jobs,
                sandbox, new JobReads(store), new TaskAttempts(config, worstCase), new ReviewMaterial(store));
        when(store.tasks(PROJECT, USER)).thenReturn(List.of(task(1), task(2)));
        when(store.project(PROJECT, USER)).thenReturn(Optional.of(project(CHECKS)));
        when(store.context(eq(PROJECT), eq(USER), anyString(), anyInt()))
                .thenReturn(new StoreRecords.Context(List.of("src/app.js"), List.of()));
        when(store.content(eq(PROJECT), eq(USER), anyString())).thenReturn(Optional.of("const x = 1;"));
        job = new Job("job-1", Work.Implement.of(List.of(1, 2)).started(task(1)));
        job.projectId = PROJECT;
        job.userId = USER;
        job.step = JobStep.IMPLEMENT;
        job.stepId = "job-1/IMPLEMENT/1";
    }

    @Test
    void aTaskStartsAtItsFirstAttemptMarkedInProgress() {
        job.work = work().with(new Work.Attempt(task(1), 3, rejected("old"), List.of(edit("a.js")), "old", List.of("a.js"),
                "✗ 1 of 1 failed", 900, new Work.Allowance(4, 2_000, 1), null));

        assertEquals(JobStep.IMPLEMENT, run(JobStep.START_TASK));

        assertEquals(1, attempt().number());
        assertEquals(0, attempt().spent());
        assertNull(attempt().feedback());
        assertTrue(attempt().edits().isEmpty());
        assertTrue(attempt().files().isEmpty());
        assertNull(attempt().checks());
        verify(store).updateTask(PROJECT, USER, 1, new StoreRecords.TaskUpdate("in_progress", null, null, null));
    }

    @Test
    void theImplementerIsToldWhatWentWrongLastTime() {
        at(attempt -> attempt.again(rejected("the total is not shown")));
        modelAnswers(implemented(edit("src/app.js")));

        assertEquals(JobStep.APPLY, run(JobStep.IMPLEMENT));

        var request = (AgentRecords.ImplementRequest) lastRequest;
        assertEquals(rejected("the total is not shown"), request.feedback());
        assertEquals(1, attempt().edits().size());
    }

    @Test
    void aTaskOverItsCreditCapPausesWithoutCallingAModelAndWouldResumeAtTheSameStep() {
        at(attempt -> attempt.charged(1_000));

        assertEquals(JobStep.TASK_PAUSED, run(JobStep.IMPLEMENT));

        assertTrue(attempt().pause().reason().contains("reached its credit cap"), attempt().pause().reason());
        assertEquals(JobStep.IMPLEMENT, attempt().pause().resumeAt());
        assertEquals(EXTRA, attempt().pause().extraCredits());
        assertEquals(1, attempt().number(), "the attempt it stopped before is still to run");
        verifyNoInteractions(models);
    }

    @Test
    void anAnswerWithoutEditsIsAnotherAttemptThatSaysSo() {
        modelAnswers(implemented());

        assertEquals(JobStep.IMPLEMENT, run(JobStep.IMPLEMENT));

        assertEquals(2, attempt().number());
        assertEquals(AgentRecords.Feedback.Kind.NO_EDITS, attempt().feedback().kind());
    }

    @Test
    void anUnusableAnswerIsAnotherAttemptWithTheReason() {
        modelFails(new AgentFailure(422, "no SEARCH/REPLACE block could be read", AgentRecords.Usage.none()));

        assertEquals(JobStep.IMPLEMENT, run(JobStep.IMPLEMENT));

        assertEquals(2, attempt().number());
        assertEquals(AgentRecords.Feedback.of(AgentRecords.Feedback.Kind.UNREADABLE,
                List.of("no SEARCH/REPLACE block could be read")), attempt().feedback());
    }

    @Test
    void aProviderFailureIsNotSpentAsAnAttempt() {
        modelFails(new AgentFailure(503, "the model provider is not answering", AgentRecords.Usage.none()));

        assertThrows(AgentFailure.class, () -> run(JobStep.IMPLEMENT));

        assertEquals(1, attempt().number());
    }

    @Test
    void theLastAttemptsFailurePausesTheTaskWithTheReason() {
        at(attempt -> attempt.again(null).again(null));
        modelAnswers(implemented());

        assertEquals(JobStep.TASK_PAUSED, run(JobStep.IMPLEMENT));

        assertEquals("Task #1 did not converge in 3 attempts: the implementer answered without any edits.", job.failure);
        assertEquals(job.failure, attempt().pause().reason());
        assertEquals(JobStep.IMPLEMENT, attempt().pause().resumeAt());
        assertTrue(attempt().pause().expiresAt().isAfter(java.time.Instant.now().plus(Duration.ofHours(23))));
    }

    @Test
    void editsThatDoNotApplyGoBackWithProjectStoresProblems() {
        at(attempt -> attempt.answered(List.of(edit("src/app.js")), "did it"));
        when(store.apply(eq(PROJECT), eq(USER), any())).thenReturn(new ProjectStore.EditOutcome(null,
                List.of("src/app.js: the SEARCH text was not found")));

        assertEquals(JobStep.IMPLEMENT, run(JobStep.APPLY));

        assertEquals(AgentRecords.Feedback.of(AgentRecords.Feedback.Kind.NOT_APPLIED,
                List.of("src/app.js: the SEARCH text was not found")), attempt().feedback());
        assertTrue(attempt().files().isEmpty());
    }

    @Test
    void appliedEditsAreCheckedWithTheFilesTheyTouchedRemembered() {
        at(attempt -> attempt.answered(List.of(edit("src/app.js")), "did it"));
        when(store.apply(eq(PROJECT), eq(USER), any())).thenReturn(new ProjectStore.EditOutcome(
                new StoreRecords.Applied("b-1", List.of("src/new.js"), List.of("src/app.js"), List.of("old.js")), List.of()));

        assertEquals(JobStep.CHECK, run(JobStep.APPLY));

        assertEquals(List.of("src/new.js", "src/app.js", "old.js"), attempt().files());
        ArgumentCaptor<StoreRecords.Batch> batch = ArgumentCaptor.forClass(StoreRecords.Batch.class);
        verify(store).apply(eq(PROJECT), eq(USER), batch.capture());
        assertEquals(job.stepId, batch.getValue().batchId(), "the step id makes a re-delivered apply a no-op");
    }

    @Test
    void aProjectWithoutChecksGoesStraightToReview() {
        when(store.project(PROJECT, USER)).thenReturn(Optional.of(project(null)));

        assertEquals(JobStep.REVIEW, run(JobStep.CHECK));

        assertNull(attempt().checks());
        verifyNoInteractions(sandbox);
    }

    @Test
    void failingChecksGoBackToTheImplementerWithTheFailingTests() {
        when(sandbox.runChecks(job, CHECKS)).thenReturn(Uni.createFrom().item(run("FAILED", null,
                new SandboxRecords.TestSummary("junit", 5, 3, 2, 0, 0,
                        List.of(new SandboxRecords.Failure("adds numbers", "expected 3 but was 4"))))));

        assertEquals(JobStep.IMPLEMENT, run(JobStep.CHECK));

        assertEquals("✗ 2 of 5 failed", attempt().checks());
        AgentRecords.CheckRun checks = attempt().feedback().checks();
        assertEquals(AgentRecords.Feedback.Kind.CHECKS_FAILED, attempt().feedback().kind());
        assertEquals("npm test", checks.command());
        assertEquals("✗ 2 of 5 failed", checks.summary());
        assertEquals(List.of(new AgentRecords.TestFailure("adds numbers", "expected 3 but was 4")), checks.failures());
        verify(jobs).lastChecks(eq(PROJECT), anyString());
    }

    @Test
    void checksThatCouldNotRunFailTheTaskRatherThanBlameTheCode() {
        when(sandbox.runChecks(job, CHECKS)).thenReturn(Uni.createFrom().item(run("ERROR", "the sandbox is not available", null)));

        assertEquals(JobStep.TASK_FAILED, run(JobStep.CHECK));

        assertEquals("Task #1: the checks could not run (the sandbox is not available).", job.failure);
        assertEquals(1, attempt().number());
    }

    @Test
    void passingChecksGoToReviewAndTheReviewSeesThem() {
        when(sandbox.runChecks(job, CHECKS)).thenReturn(Uni.createFrom().item(run("PASSED", null,
                new SandboxRecords.TestSummary("junit", 5, 5, 0, 0, 0, List.of()))));
        assertEquals(JobStep.REVIEW, run(JobStep.CHECK));

        at(attempt -> attempt.answered(List.of(edit("src/app.js")), "did it").applied(List.of("src/app.js")));
        modelAnswers(reviewed(true));
        assertEquals(JobStep.TASK_DONE, run(JobStep.REVIEW));

        var request = (AgentRecords.ReviewRequest) lastRequest;
        assertEquals("✓ 5 passed", request.checks());
        assertEquals(List.of(edit("src/app.js")), request.edits());
        assertEquals("did it", request.explanation());
        assertEquals(List.of(new AgentRecords.ChangedFile("src/app.js", "const x = 1;", false)), request.changedFiles());
        assertEquals(0, request.filesLeftOut());
    }

    @Test
    void aRejectedReviewGoesBackWithItsProblems() {
        modelAnswers(reviewed(false, "the total is not shown"));

        assertEquals(JobStep.IMPLEMENT, run(JobStep.REVIEW));

        assertEquals(2, attempt().number());
        assertEquals(rejected("the total is not shown"), attempt().feedback());
    }

    @Test
    void aReviewOverTheCreditCapPausesTheTaskWithoutCallingTheArchitect() {
        at(attempt -> attempt.charged(1_500));

        assertEquals(JobStep.TASK_PAUSED, run(JobStep.REVIEW));

        assertEquals(JobStep.REVIEW, attempt().pause().resumeAt());
        verifyNoInteractions(models);
    }

    @Test
    void aPausedTaskTellsTheUserWhatWentWrongAndOffersItsChoicesThenWaits() {
        at(attempt -> attempt.again(rejected("the total is wrong", "no tests")).again(null).again(
                rejected("the total is still wrong")));
        pausedAt(JobStep.IMPLEMENT);

        assertEquals(JobStep.AWAIT_CHOICE, run(JobStep.TASK_PAUSED));

        ArgumentCaptor<String> text = ArgumentCaptor.forClass(String.class);
        verify(progress).paused(eq(job), text.capture(), eq(ai.devbot.orchestrator.reply.Buttons.paused(PROJECT, 1,
                EXTRA, true)));
        assertTrue(text.getValue().contains("the total is still wrong"), text.getValue());
        assertTrue(text.getValue().contains("at most 600 credits more"), text.getValue());
        assertTrue(text.getValue().contains("go on with task 2"), text.getValue());
        assertTrue(text.getValue().contains("24 hours"), text.getValue());
        verifyNoInteractions(models);
    }

    @Test
    void aWaitingStepIssuedWithoutAChoiceGoesOnWaiting() {
        pausedAt(JobStep.IMPLEMENT);
        job.stepId = "job-1/task-1/attempt-4/pause-0/AWAIT_CHOICE";
        when(jobs.choice(job.id, job.stepId)).thenReturn(Optional.empty());

        assertEquals(JobStep.AWAIT_CHOICE, run(JobStep.AWAIT_CHOICE));

        verifyNoInteractions(models, sandbox);
    }

    @Test
    void tryAgainAllowsOneMoreAttemptAndAtMostItsWorstCaseInCredits() {
        at(attempt -> attempt.again(null).again(null).again(rejected("still wrong")).charged(700));
        pausedAt(JobStep.IMPLEMENT);
        chose(Choice.TRY_AGAIN);

        assertEquals(JobStep.IMPLEMENT, run(JobStep.AWAIT_CHOICE));

        assertNull(attempt().pause());
        assertEquals(new Work.Allowance(4, 700 + EXTRA, 1), attempt().allowance());
        assertNull(job.failure);
        // The fourth attempt runs; if it fails too, the task pauses again instead of a fifth.
        modelAnswers(implemented());
        assertEquals(JobStep.TASK_PAUSED, run(JobStep.IMPLEMENT));
        assertTrue(job.failure.contains("did not converge in 4 attempts"), job.failure);
    }

    @Test
    void tryAgainAtTheCreditCapGoesOnWithTheStepItStoppedBeforeUpToTheExtraCredits() {
        at(attempt -> attempt.charged(1_000));
        assertEquals(JobStep.TASK_PAUSED, run(JobStep.REVIEW));
        chose(Choice.TRY_AGAIN);

        assertEquals(JobStep.REVIEW, run(JobStep.AWAIT_CHOICE));

        at(attempt -> attempt.charged(EXTRA));
        assertEquals(JobStep.TASK_PAUSED, run(JobStep.REVIEW), "the extra credits are a cap too");
        assertTrue(job.failure.contains("1,600 credits spent of 1,600 credits"), job.failure);
    }

    @Test
    void stopFailsTheTaskWithTheReasonItPausedFor() {
        at(attempt -> attempt.again(null).again(null).again(null));
        pausedAt(JobStep.IMPLEMENT);
        chose(Choice.STOP);

        assertEquals(JobStep.TASK_FAILED, run(JobStep.AWAIT_CHOICE));
        assertEquals(JobStep.FINISH, run(JobStep.TASK_FAILED));

        assertEquals(Job.State.FAILED, job.ending);
        verify(store).updateTask(PROJECT, USER, 1, new StoreRecords.TaskUpdate("failed", 3,
                "Task #1 did not converge in 3 attempts: it failed.", null));
    }

    @Test
    void anExpiredPauseStopsTheJobAndSaysNobodyAnswered() {
        pausedAt(JobStep.IMPLEMENT);
        chose(Choice.EXPIRED);

        assertEquals(JobStep.TASK_FAILED, run(JobStep.AWAIT_CHOICE));

        assertTrue(job.failure.startsWith("Nobody answered within 24 hours, so I stopped. Task #1"), job.failure);
    }

    @Test
    void skipLeavesTheTaskFailedWithItsChangesAndGoesOnWithTheNext() {
        at(attempt -> attempt.applied(List.of("src/app.js")).again(null).again(null).again(null));
        pausedAt(JobStep.IMPLEMENT);
        chose(Choice.SKIP);

        assertEquals(JobStep.START_TASK, run(JobStep.AWAIT_CHOICE));

        assertEquals(List.of(1), work().skipped());
        assertEquals(List.of("src/app.js"), work().changedFiles());
        assertEquals(2, job.currentTask());
        assertEquals(Job.State.RUNNING, job.ending);
        verify(store).updateTask(PROJECT, USER, 1, new StoreRecords.TaskUpdate("failed", 3,
                "Task #1 did not converge in 3 attempts: it failed.", null));
    }

    @Test
    void undoTakesTheTasksChangesBackPutsItOnTheListAgainAndEndsTheJob() {
        at(attempt -> attempt.applied(List.of("src/app.js")));
        pausedAt(JobStep.IMPLEMENT);
        chose(Choice.UNDO);
        when(store.rollback(PROJECT, USER, 1)).thenReturn(new ProjectStore.Rollback(
                new StoreRecords.Applied("rollback-task-1@3", List.of(), List.of("src/app.js"), List.of()), null));

        assertEquals(JobStep.FINISH, run(JobStep.AWAIT_CHOICE));

        assertEquals(Job.State.CANCELLED, job.ending);
        assertNull(job.failure);
        verify(store).updateTask(PROJECT, USER, 1, new StoreRecords.TaskUpdate("todo", null, null, null));
        verify(progress).outcome(eq(job), org.mockito.ArgumentMatchers.contains("src/app.js"));
    }

    @Test
    void aDoneTaskMovesToTheNextAndTheLastOneFinishesTheJob() {
        at(attempt -> attempt.applied(List.of("src/app.js")).checked("✓ 5 passed"));

        assertEquals(JobStep.START_TASK, run(JobStep.TASK_DONE));
        assertEquals(List.of(1), work().done());
        assertEquals(List.of("src/app.js"), work().changedFiles());
        assertEquals("✓ 5 passed", work().lastChecks());
        assertNull(work().attempt(), "between tasks");
        assertEquals(2, job.currentTask());
        verify(progress).taskDone(eq(job), eq(1), anyString());

        job.work = work().started(task(2));
        at(attempt -> attempt.applied(List.of("src/app.js", "src/b.js")));
        assertEquals(JobStep.FINISH, run(JobStep.TASK_DONE));
        assertEquals(List.of(1, 2), work().done());
        assertEquals(List.of("src/app.js", "src/b.js"), work().changedFiles());
        verify(store).updateTask(eq(PROJECT), eq(USER), eq(2), any());
    }

    @Test
    void aFailedTaskEndsTheJobFailedWithNoMoreAttemptsRecordedThanAllowed() {
        at(attempt -> attempt.again(null).again(null).again(null));
        job.failure = "Task #1 did not converge in 3 attempts: its checks did not pass.";

        assertEquals(JobStep.FINISH, run(JobStep.TASK_FAILED));

        assertEquals(Job.State.FAILED, job.ending);
        assertEquals(1, work().failedTask());
        verify(store).updateTask(PROJECT, USER, 1, new StoreRecords.TaskUpdate("failed", 3, job.failure, null));
    }

    @Test
    void aTaskThatIsGoneFailsTheStepInsteadOfGuessing() {
        when(store.tasks(PROJECT, USER)).thenReturn(List.of(task(2)));

        IllegalStateException gone = assertThrows(IllegalStateException.class, () -> run(JobStep.START_TASK));

        assertTrue(gone.getMessage().contains("task 1 of project 7 is gone"), gone.getMessage());
        verify(store, never()).updateTask(anyLong(), anyLong(), anyInt(), any());
    }

    private void pausedAt(JobStep resumeAt) {
        job.failure = "Task #1 did not converge in 3 attempts: it failed.";
        at(attempt -> attempt.paused(new Work.Pause(job.failure, resumeAt, EXTRA,
                java.time.Instant.now().plus(Duration.ofHours(24)))));
    }

    private void chose(Choice choice) {
        when(jobs.choice(eq(job.id), anyString())).thenReturn(Optional.of(choice));
    }

    private Work.Implement work() {
        return job.work(Work.Implement.class);
    }

    private Work.Attempt attempt() {
        return work().attempt();
    }

    private void at(UnaryOperator<Work.Attempt> change) {
        job.work = work().with(change.apply(attempt()));
    }

    private JobStep run(JobStep step) {
        return workflow.run(step, job).await().indefinitely();
    }

    @SuppressWarnings("unchecked")
    private void modelAnswers(Object answer) {
        doAnswer(call -> {
            lastRequest = ((Function<String, Object>) call.getArgument(3)).apply("call-1");
            return Uni.createFrom().item(answer);
        }).when(models).call(any(), anyString(), anyLong(), any(), any(), any());
    }

    private void modelFails(RuntimeException failure) {
        when(models.call(any(), anyString(), anyLong(), any(), any(), any())).thenReturn(Uni.createFrom().failure(failure));
    }

    private static AgentRecords.Feedback rejected(String... problems) {
        return AgentRecords.Feedback.of(AgentRecords.Feedback.Kind.REJECTED, List.of(problems));
    }

    private static StoreRecords.Task task(int number) {
        return new StoreRecords.Task(number, "Task " + number, "Do thing " + number, List.of("it works"), "todo", 0,
                null, null);
    }

    private static StoreRecords.Project project(AgentRecords.Checks checks) {
        return new StoreRecords.Project(PROJECT, USER, "Habits", "a habit tracker", "summary", List.of("node"),
                "architecture", checks, "active");
    }

    private static AgentRecords.Edit edit(String path) {
        return new AgentRecords.Edit("replace", path, "const x = 0;", "const x = 1;", null);
    }

    private static AgentRecords.Implemented implemented(AgentRecords.Edit... edits) {
        return new AgentRecords.Implemented(List.of(edits), "did it", "diff", AgentRecords.Usage.none());
    }

    private static AgentRecords.Reviewed reviewed(boolean approved, String... problems) {
        return new AgentRecords.Reviewed(new AgentRecords.Review(approved, List.of(problems), "ok"),
                AgentRecords.Usage.none());
    }

    private static SandboxRecords.RunResult run(String status, String reason, SandboxRecords.TestSummary tests) {
        return new SandboxRecords.RunResult("run-1", status, reason, List.of(), tests, 1_200, null);
    }
}
