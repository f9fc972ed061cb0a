package ai.devbot.orchestrator.job.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import ai.devbot.orchestrator.client.agent.Agent;
import ai.devbot.orchestrator.client.agent.AgentRecords;
import ai.devbot.orchestrator.client.projectstore.ProjectStore;
import ai.devbot.orchestrator.client.projectstore.StoreRecords;
import ai.devbot.orchestrator.config.OrchestratorConfig;
import ai.devbot.orchestrator.quote.Quote;
import ai.devbot.orchestrator.quote.Quotes;
import ai.devbot.orchestrator.job.model.Job;
import ai.devbot.orchestrator.job.model.JobStep;
import ai.devbot.orchestrator.job.model.Work;
import ai.devbot.orchestrator.reply.Replies;
import ai.devbot.orchestrator.reply.Reply;
import ai.devbot.orchestrator.session.Session;
import ai.devbot.orchestrator.session.SessionStore;
import io.smallrye.mutiny.Uni;

/**
 * Plan, change request and README, each in its two steps with the models and project-store mocked: what the
 * architect is asked, what its answer becomes in the job's work, and what is stored and shown.
 */
class ArchitectWorkflowsTest {

    private static final long PROJECT = 7;
    private static final long USER = 42;
    private static final AgentRecords.Checks CHECKS = new AgentRecords.Checks("", "python3 -m pytest -q");

    private final OrchestratorConfig config = mock(OrchestratorConfig.class, RETURNS_DEEP_STUBS);
    private final ProjectStore store = mock(ProjectStore.class);
    private final ModelSteps models = mock(ModelSteps.class);
    private final Replies replies = mock(Replies.class);
    private final SessionStore sessions = mock(SessionStore.class);
    private final Quotes quotes = mock(Quotes.class);
    private ArchitectWorkflow.Tools tools;
    private Object lastRequest;

    @BeforeEach
    void setUp() {
        tools = new ArchitectWorkflow.Tools(config, mock(Agent.class), store, models, mock(JobProgress.class), replies,
                new JobReads(store), quotes);
        when(store.project(PROJECT, USER)).thenReturn(Optional.of(project()));
        when(store.tasks(PROJECT, USER)).thenReturn(List.of(task(1, "done"), task(2, "todo")));
    }

    @Test
    void aPlanAsksForTheIdeaAndKeepsTheAnswerUntilItIsSaved() {
        Job job = job(new Work.Plan("a habit tracker", null), null);
        AgentRecords.Plan plan = plan();
        answers(new AgentRecords.Planned(plan, AgentRecords.Usage.none()));
        PlanWorkflow workflow = new PlanWorkflow(tools, sessions);

        assertEquals(JobStep.SAVE_PLAN, run(workflow, JobStep.PLAN, job));

        assertEquals("a habit tracker", ((AgentRecords.PlanRequest) lastRequest).idea());
        assertEquals(new Work.Plan("a habit tracker", plan), job.work);
    }

    @Test
    void aSavedPlanIsAProjectWithItsTasksTheActiveProjectAndAPlanMessage() {
        Job job = job(new Work.Plan("a habit tracker", plan()), null);
        when(store.create(any())).thenReturn(project());
        when(store.appendTasks(eq(PROJECT), eq(USER), eq(job.id), any())).thenReturn(List.of(task(1, "todo")));
        when(sessions.get(USER, USER)).thenReturn(Session.fresh(USER, USER));
        when(quotes.tryFor(USER, 1, null)).thenReturn(Optional.of(new Quote(1, 1_500, 9_000, false, 50_000, 100)));

        assertEquals(JobStep.FINISH, run(new PlanWorkflow(tools, sessions), JobStep.SAVE_PLAN, job));

        ArgumentCaptor<StoreRecords.NewProject> created = ArgumentCaptor.forClass(StoreRecords.NewProject.class);
        verify(store).create(created.capture());
        assertEquals("a habit tracker", created.getValue().idea());
        assertEquals(job.id, created.getValue().creationKey(), "a re-run save finds the project it created");
        assertEquals(PROJECT, job.projectId);
        assertEquals(Job.State.DONE, job.ending);
        verify(sessions).save(org.mockito.ArgumentMatchers.argThat(s -> Long.valueOf(PROJECT).equals(s.activeProjectId())));
        assertTrue(sent().text().startsWith("**Habits** — plan ready"), sent().text());
        assertTrue(sent().text().contains("💰 Estimated: 1,500–9,000 credits (≈ 15–90 ⭐) for 1 task — a first "
                + "estimate from the models' limits; your balance covers it."), sent().text());
    }

    @Test
    void aChangeRequestShowsTheArchitectThePlanAndItsTasksStatus() {
        Job job = job(new Work.Extend("add dark mode", null, null), PROJECT);
        List<AgentRecords.Task> added = List.of(new AgentRecords.Task(null, "Dark mode", "a toggle", List.of()));
        answers(new AgentRecords.Extended(added, CHECKS, AgentRecords.Usage.none()));

        assertEquals(JobStep.SAVE_TASKS, run(new ExtendWorkflow(tools), JobStep.EXTEND, job));

        var request = (AgentRecords.ExtendRequest) lastRequest;
        assertEquals("add dark mode", request.changeRequest());
        @SuppressWarnings("unchecked")
        Map<String, Object> plan = (Map<String, Object>) request.plan();
        assertEquals(List.of(Map.of("number", 1, "title", "Task 1", "status", "done"),
                Map.of("number", 2, "title", "Task 2", "status", "todo")), plan.get("tasks"));
        assertEquals(new Work.Extend("add dark mode", added, CHECKS), job.work);
    }

    @Test
    void savedChangeTasksAreAppendedNewChecksStoredAndOnlyTheAddedOnesShown() {
        List<AgentRecords.Task> added = List.of(new AgentRecords.Task(null, "Dark mode", "a toggle", List.of()));
        Job job = job(new Work.Extend("add dark mode", added, CHECKS), PROJECT);
        when(store.appendTasks(eq(PROJECT), eq(USER), eq(job.id), any()))
                .thenReturn(List.of(task(1, "done"), task(2, "todo"), task(3, "todo")));

        assertEquals(JobStep.FINISH, run(new ExtendWorkflow(tools), JobStep.SAVE_TASKS, job));

        verify(store).changeChecks(PROJECT, USER, CHECKS);
        String text = sent().text();
        assertTrue(text.contains("1 new task:\n3. Task 3\n"), text);
        assertEquals(Job.State.DONE, job.ending);
    }

    @Test
    void aChangeThatKeepsTheChecksLeavesThem() {
        Job job = job(new Work.Extend("add dark mode", List.of(), null), PROJECT);
        when(store.appendTasks(eq(PROJECT), eq(USER), eq(job.id), any())).thenReturn(List.of());

        run(new ExtendWorkflow(tools), JobStep.SAVE_TASKS, job);

        verify(store, never()).changeChecks(anyLong(), anyLong(), any());
    }

    @Test
    void aReadmeIsWrittenFromTheTasksAndFilesAndStoredAsReadmeMd() {
        Job job = job(new Work.Readme(null), PROJECT);
        when(store.files(PROJECT, USER)).thenReturn(List.of(new StoreRecords.FileInfo("app.py", 10, 1, false)));
        answers(new AgentRecords.Readme("# Habits", AgentRecords.Usage.none()));
        ReadmeWorkflow workflow = new ReadmeWorkflow(tools);

        assertEquals(JobStep.SAVE_README, run(workflow, JobStep.README, job));
        var request = (AgentRecords.ReadmeRequest) lastRequest;
        assertEquals(List.of("Task 1", "Task 2"), request.tasks());
        assertEquals(List.of("app.py"), request.fileTree());

        assertEquals(JobStep.FINISH, run(workflow, JobStep.SAVE_README, job));
        verify(store).write(PROJECT, USER, "README.md", job.id, "# Habits");
        assertTrue(sent().text().startsWith("# Habits"), sent().text());
    }

    private static JobStep run(Workflow workflow, JobStep step, Job job) {
        job.step = step;
        job.stepId = job.id + "/" + step;
        return workflow.run(step, job).await().indefinitely();
    }

    @SuppressWarnings("unchecked")
    private void answers(Object answer) {
        doAnswer(call -> {
            lastRequest = ((Function<String, Object>) call.getArgument(3)).apply("call-1");
            return Uni.createFrom().item(answer);
        }).when(models).call(any(), anyString(), anyLong(), any(), any(), any());
    }

    private Reply sent() {
        ArgumentCaptor<Reply> reply = ArgumentCaptor.forClass(Reply.class);
        verify(replies).send(any(), reply.capture());
        return reply.getValue();
    }

    private static Job job(Work work, Long projectId) {
        Job job = new Job("job-tg-1", work);
        job.userId = USER;
        job.chatId = USER;
        job.projectId = projectId;
        return job;
    }

    private static AgentRecords.Plan plan() {
        return new AgentRecords.Plan("Habits", "track habits", List.of("python"), "one module", CHECKS,
                List.of(new AgentRecords.Task(null, "Task 1", "Do 1", List.of())));
    }

    private static StoreRecords.Project project() {
        return new StoreRecords.Project(PROJECT, USER, "Habits", "a habit tracker", "track habits", List.of("python"),
                "one module", CHECKS, "active");
    }

    private static StoreRecords.Task task(int number, String status) {
        return new StoreRecords.Task(number, "Task " + number, "Do " + number, List.of(), status, 0, null, null);
    }
}
