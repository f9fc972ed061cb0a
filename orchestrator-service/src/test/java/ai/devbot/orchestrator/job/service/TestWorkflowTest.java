package ai.devbot.orchestrator.job.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import ai.devbot.orchestrator.client.agent.AgentRecords;
import ai.devbot.orchestrator.client.projectstore.ProjectStore;
import ai.devbot.orchestrator.client.projectstore.StoreRecords;
import ai.devbot.orchestrator.client.sandbox.SandboxRecords;
import ai.devbot.orchestrator.config.OrchestratorConfig;
import ai.devbot.orchestrator.job.model.Job;
import ai.devbot.orchestrator.job.model.JobStep;
import ai.devbot.orchestrator.job.model.Work;
import ai.devbot.orchestrator.reply.Replies;
import ai.devbot.orchestrator.reply.Reply;
import io.smallrye.mutiny.Uni;

/** /test's one step with the sandbox mocked: checks switched off, none declared, and a run reported. */
class TestWorkflowTest {

    private static final long PROJECT = 7;
    private static final long USER = 42;
    private static final AgentRecords.Checks CHECKS = new AgentRecords.Checks("", "python3 -m pytest -q");

    private final OrchestratorConfig config = mock(OrchestratorConfig.class, RETURNS_DEEP_STUBS);
    private final ProjectStore store = mock(ProjectStore.class);
    private final Replies replies = mock(Replies.class);
    private final JobStore jobs = mock(JobStore.class);
    private final SandboxSteps sandbox = mock(SandboxSteps.class);
    private final TestWorkflow workflow = new TestWorkflow(config, mock(JobProgress.class), replies, jobs, sandbox,
            new JobReads(store));
    private final Job job = new Job("job-tg-1", new Work.Test(null));

    @BeforeEach
    void setUp() {
        when(config.jobs().runChecks()).thenReturn(true);
        when(store.project(PROJECT, USER)).thenReturn(Optional.of(project(CHECKS)));
        job.projectId = PROJECT;
        job.userId = USER;
        job.step = JobStep.TEST_RUN;
        job.stepId = "job-tg-1/TEST_RUN";
    }

    @Test
    void aRunIsReportedWithItsFailuresAndRememberedForStatus() {
        when(sandbox.runChecks(job, CHECKS)).thenReturn(Uni.createFrom().item(new SandboxRecords.RunResult("run-1", "FAILED", null, List.of(),
                new SandboxRecords.TestSummary("pytest", 3, 2, 1, 0, 0,
                        List.of(new SandboxRecords.Failure("test_total", "assert 3 == 4"))), 2_000, null)));

        assertEquals(JobStep.FINISH, run());

        assertEquals(new Work.Test("✗ 1 of 3 failed"), job.work);
        assertEquals(Job.State.DONE, job.ending, "the job did its work; the tests' failure is the project's");
        verify(jobs).lastChecks(eq(PROJECT), org.mockito.ArgumentMatchers.startsWith("✗ 1 of 3 failed (/test, "));
        String text = sent().text();
        assertTrue(text.contains("`test_total` — assert 3 \\=\\= 4"), text);
    }

    @Test
    void checksSwitchedOffSaySoWithoutRunningAnything() {
        when(config.jobs().runChecks()).thenReturn(false);

        assertEquals(JobStep.FINISH, run());

        assertEquals("Running tests is not switched on for this bot yet.", sent().text());
        verifyNoInteractions(sandbox);
    }

    @Test
    void aProjectWithoutChecksIsToldHowToGetThem() {
        when(store.project(PROJECT, USER)).thenReturn(Optional.of(project(null)));

        assertEquals(JobStep.FINISH, run());

        assertTrue(sent().text().startsWith("**Habits** declares no checks"), sent().text());
        verifyNoInteractions(sandbox, jobs);
    }

    private JobStep run() {
        return workflow.run(JobStep.TEST_RUN, job).await().indefinitely();
    }

    private Reply sent() {
        ArgumentCaptor<Reply> reply = ArgumentCaptor.forClass(Reply.class);
        verify(replies).send(any(), reply.capture());
        return reply.getValue();
    }

    private static StoreRecords.Project project(AgentRecords.Checks checks) {
        return new StoreRecords.Project(PROJECT, USER, "Habits", "a habit tracker", "track habits", List.of("python"),
                "one module", checks, "active");
    }
}
