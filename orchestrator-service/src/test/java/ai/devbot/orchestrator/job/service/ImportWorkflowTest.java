package ai.devbot.orchestrator.job.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
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
import ai.devbot.orchestrator.job.model.Job;
import ai.devbot.orchestrator.job.model.JobStep;
import ai.devbot.orchestrator.job.model.Work;
import ai.devbot.orchestrator.reply.Replies;
import ai.devbot.orchestrator.reply.Reply;
import ai.devbot.orchestrator.session.Session;
import ai.devbot.orchestrator.session.SessionStore;
import io.smallrye.mutiny.Uni;

/**
 * An import in its three steps with project-store and the models mocked: a refused archive ends the job with the
 * reason and no project; an imported one becomes the active project, the architect reads its tree and telling
 * files, and its answer is stored as the project's summary, stack, architecture and checks.
 */
class ImportWorkflowTest {

    private static final long PROJECT = 9;
    private static final long USER = 42;
    private static final AgentRecords.Checks CHECKS = new AgentRecords.Checks("", "python3 -m pytest -q");
    private static final StoreRecords.ImportReport REPORT = new StoreRecords.ImportReport("tips-main.zip", 3, 1,
            List.of(new StoreRecords.Refusal("tips-main/../evil.sh", "the path contains '..'")),
            List.of(new StoreRecords.Skipped(".git/", 12, "version-control data")), "tips-main");

    private final OrchestratorConfig config = mock(OrchestratorConfig.class, RETURNS_DEEP_STUBS);
    private final ProjectStore store = mock(ProjectStore.class);
    private final ModelSteps models = mock(ModelSteps.class);
    private final Replies replies = mock(Replies.class);
    private final SessionStore sessions = mock(SessionStore.class);
    private final JobStore jobs = mock(JobStore.class);
    private ImportWorkflow workflow;
    private Object lastRequest;

    @BeforeEach
    void setUp() {
        when(config.jobs().onboardBudgetTokens()).thenReturn(12_000);
        workflow = new ImportWorkflow(new ArchitectWorkflow.Tools(config, mock(Agent.class), store, models,
                mock(JobProgress.class), replies, new JobReads(store), mock(ai.devbot.orchestrator.quote.Quotes.class)),
                sessions, jobs);
        when(sessions.get(USER, USER)).thenReturn(Session.fresh(USER, USER));
    }

    @Test
    void aRefusedArchiveEndsTheJobWithTheReasonAndNoProject() {
        when(store.importUpload(any())).thenReturn(new ProjectStore.ImportOutcome(null,
                "the archive expands to more than 50 MB unpacked"));
        Job job = job();

        assertEquals(JobStep.FINISH, run(JobStep.IMPORT, job));

        assertEquals(Job.State.FAILED, job.ending);
        assertEquals("I could not import tips-main.zip: the archive expands to more than 50 MB unpacked. "
                + "Nothing was stored.", job.failure);
        assertNull(job.projectId);
        verify(sessions, never()).save(any());
    }

    @Test
    void anImportedProjectBecomesTheActiveOneUnderTheJobsCreationKey() {
        when(store.importUpload(any())).thenReturn(new ProjectStore.ImportOutcome(
                new StoreRecords.Imported(project("tips"), REPORT), null));
        Job job = job();

        assertEquals(JobStep.ONBOARD, run(JobStep.IMPORT, job));

        verify(store).importUpload(new StoreRecords.ImportRequest(USER, "upload-1", job.id));
        assertEquals(PROJECT, job.projectId);
        verify(jobs).lockProject(PROJECT, job.id);
        verify(sessions).save(argThat(session -> Long.valueOf(PROJECT).equals(session.activeProjectId())));
        assertEquals(REPORT, job.work(Work.Import.class).report());
    }

    @Test
    void aRepositoryLinkIsClonedByProjectStoreUnderTheJobsCreationKeyAndARefusalSaysWhy() {
        String url = "https://github.com/me/tips";
        Job job = new Job("job-tg-6", new Work.Import(null, url, url, null, null));
        job.userId = USER;
        job.chatId = USER;
        when(store.importGit(any())).thenReturn(new ProjectStore.ImportOutcome(null,
                "the repository is private (or does not exist); only public repositories are imported"));

        assertEquals(JobStep.FINISH, run(JobStep.IMPORT, job));

        verify(store).importGit(new StoreRecords.GitImportRequest(USER, url, job.id));
        verify(store, never()).importUpload(any());
        assertEquals("I could not import " + url + ": the repository is private (or does not exist); only public "
                + "repositories are imported. Nothing was stored.", job.failure);
        assertNull(job.projectId);
    }

    @Test
    void theArchitectReadsTheTreeAndTheTellingFilesButNeverTheBinaries() {
        Job job = job();
        job.projectId = PROJECT;
        job.projectTitle = "tips";
        job.work = job.work(Work.Import.class).imported(REPORT);
        when(store.files(PROJECT, USER)).thenReturn(List.of(file("README.md"), file("assets/logo.png", true),
                file("src/tips.py"), file("tests/test_tips.py")));
        when(store.content(eq(PROJECT), eq(USER), anyString())).thenAnswer(call -> Optional.of("# " + call.getArgument(2)));
        AgentRecords.Onboarding onboarding = new AgentRecords.Onboarding("Tips", "splits bills", List.of("Python"),
                "# Tips", CHECKS);
        answers(new AgentRecords.Onboarded(onboarding, AgentRecords.Usage.none()));

        assertEquals(JobStep.SAVE_ONBOARDING, run(JobStep.ONBOARD, job));

        var request = (AgentRecords.OnboardRequest) lastRequest;
        assertEquals(List.of("README.md", "assets/logo.png (binary)", "src/tips.py", "tests/test_tips.py"),
                request.fileTree());
        assertEquals(List.of("README.md", "tests/test_tips.py", "src/tips.py"),
                request.files().stream().map(AgentRecords.SourceFile::path).toList());
        verify(store, never()).content(PROJECT, USER, "assets/logo.png");
        assertEquals(onboarding, job.work(Work.Import.class).onboarding());
    }

    @Test
    void theOnboardingIsStoredAndShownWithWhatWasLeftOut() {
        Job job = job();
        job.projectId = PROJECT;
        job.work = job.work(Work.Import.class).imported(REPORT).onboarded(new AgentRecords.Onboarding("Tips",
                "Splits restaurant bills.", List.of("Python 3.11"), "# Tips", CHECKS));
        when(store.change(eq(PROJECT), eq(USER), any())).thenReturn(project("Tips"));

        assertEquals(JobStep.FINISH, run(JobStep.SAVE_ONBOARDING, job));

        verify(store).change(PROJECT, USER, new StoreRecords.ProjectChange("Tips", "Splits restaurant bills.",
                List.of("Python 3.11"), "# Tips", CHECKS));
        assertEquals(Job.State.DONE, job.ending);
        String text = sent().text();
        assertTrue(text.startsWith("📦 **Tips** — imported 3 files and 1 binary file"), text);
        assertTrue(text.contains("tips-main/../evil.sh"), "what was left out is listed: " + text);
        assertTrue(text.contains("python3 -m pytest -q"), text);
        assertEquals(List.of("test:p9", "dl:p9"), sent().buttons().get(0).stream().map(Reply.Button::callbackData).toList());
    }

    private JobStep run(JobStep step, Job job) {
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

    private static Job job() {
        Job job = new Job("job-tg-5", new Work.Import("upload-1", null, "tips-main.zip", null, null));
        job.userId = USER;
        job.chatId = USER;
        return job;
    }

    private static StoreRecords.FileInfo file(String path) {
        return file(path, false);
    }

    private static StoreRecords.FileInfo file(String path, boolean binary) {
        return new StoreRecords.FileInfo(path, 100, 1, binary);
    }

    private static StoreRecords.Project project(String title) {
        return new StoreRecords.Project(PROJECT, USER, title, "Imported from tips-main.zip", "Splits restaurant bills.",
                List.of("Python 3.11"), "# Tips", CHECKS, "planned");
    }
}
