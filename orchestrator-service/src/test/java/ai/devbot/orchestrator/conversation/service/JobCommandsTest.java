package ai.devbot.orchestrator.conversation.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import ai.devbot.orchestrator.client.projectstore.ProjectStore;
import ai.devbot.orchestrator.client.projectstore.StoreRecords;
import ai.devbot.orchestrator.conversation.Command;
import ai.devbot.orchestrator.job.model.Job;
import ai.devbot.orchestrator.job.model.JobStep;
import ai.devbot.orchestrator.job.model.Work;
import ai.devbot.orchestrator.job.service.JobLauncher;
import ai.devbot.orchestrator.job.service.JobStore;
import ai.devbot.orchestrator.job.service.PausedJobs;
import ai.devbot.orchestrator.quote.Quote;
import ai.devbot.orchestrator.quote.Quotes;
import ai.devbot.orchestrator.settings.SettingsStore;
import ai.devbot.orchestrator.reply.Replies;
import ai.devbot.orchestrator.reply.Reply;
import ai.devbot.orchestrator.session.Session;
import ai.devbot.orchestrator.session.SessionStore;

/**
 * The job commands with sessions, project-store, jobs and the launcher mocked: which job each command starts
 * with which work, what the user is told when it cannot start, and what /cancel stops.
 */
class JobCommandsTest {

    private static final long USER = 42;
    private static final long PROJECT = 7;

    private final SessionStore sessions = mock(SessionStore.class);
    private final ProjectStore store = mock(ProjectStore.class);
    private final JobStore jobs = mock(JobStore.class);
    private final JobLauncher launcher = mock(JobLauncher.class);
    private final Replies replies = mock(Replies.class);
    private final Quotes quotes = mock(Quotes.class);
    private final SettingsStore settings = mock(SettingsStore.class);
    private final JobCommands commands = new JobCommands(sessions, store, jobs, launcher,
            new ActiveProject(sessions, store), quotes, settings,
            new PausedJobs(jobs, mock(ai.devbot.orchestrator.job.messaging.StepPublisher.class)),
            mock(ai.devbot.orchestrator.tier.ProjectTiers.class));
    private final Session noProject = new Session(USER, USER, null, false, null);
    private final Session onProject = noProject.withActiveProject(PROJECT);
    private Answer answer;

    @BeforeEach
    void setUp() {
        answer = new Answer(command("tg-1"), replies);
        when(launcher.launch(any(), any(), anyString())).thenReturn(new JobLauncher.Launch(true, null, null));
        when(store.project(PROJECT, USER)).thenReturn(Optional.of(project()));
        when(store.tasks(PROJECT, USER)).thenReturn(List.of(task(1, "done"), task(2, "todo"), task(3, "failed")));
    }

    @Test
    void anIdeaStartsAPlanWithTheIdeaAsItsWork() {
        commands.run("newproject", answer, noProject, "a habit tracker");

        Job job = launched(JobStep.PLAN);
        assertEquals(new Work.Plan("a habit tracker", null), job.work);
        assertEquals("job-tg-1", job.id, "the command's id names the job, so a re-run command finds it");
        assertNull(job.projectId);
    }

    @Test
    void newprojectWithoutAnIdeaAsksForOneAndWaitsForIt() {
        commands.run("newproject", answer, noProject, "");

        verify(sessions).save(argThat(Session::awaitingIdea));
        assertTrue(said().get(0).startsWith("What should I build?"), said().toString());
        verify(launcher, never()).launch(any(), any(), anyString());
    }

    @Test
    void anIdeaTooLongIsRefusedWithTheLimit() {
        commands.run("newproject", answer, noProject, "x".repeat(4_001));

        assertTrue(said().get(0).contains("4001 characters"), said().toString());
        verify(launcher, never()).launch(any(), any(), anyString());
    }

    @Test
    void textOnAnActiveProjectIsAChangeRequest() {
        commands.text(answer, onProject, "add a dark mode");

        Job job = launched(JobStep.EXTEND);
        assertEquals(new Work.Extend("add a dark mode", null, null), job.work);
        assertEquals(PROJECT, job.projectId);
    }

    @Test
    void textWhileAnIdeaIsAwaitedIsTheIdeaEvenWithAnActiveProject() {
        commands.text(answer, onProject.awaitingIdea(true), "a recipe book");

        assertEquals(new Work.Plan("a recipe book", null), launched(JobStep.PLAN).work);
        verify(sessions).save(argThat(saved -> !saved.awaitingIdea()
                && Long.valueOf(PROJECT).equals(saved.activeProjectId())));
    }

    @Test
    void implementTakesTheNextOpenTaskAllOpenTasksOrOneNamedTask() {
        commands.run("implement", answer, onProject, "");
        assertEquals(List.of(2), queueOf(launched(JobStep.START_TASK)));

        commands.run("implement", new Answer(command("tg-2"), replies), onProject, "all");
        commands.run("implement", new Answer(command("tg-3"), replies), onProject, "#1");
        ArgumentCaptor<Job> jobs = ArgumentCaptor.forClass(Job.class);
        verify(launcher, times(3)).launch(jobs.capture(), eq(JobStep.START_TASK), anyString());
        assertEquals(List.of(2, 3), queueOf(jobs.getAllValues().get(1)));
        assertEquals(List.of(1), queueOf(jobs.getAllValues().get(2)), "a done task can be done again by number");
    }

    @Test
    void workQuotedAboveTheUsersThresholdWaitsForStartAndLaunchesNothing() {
        when(settings.autoStartBelow(USER)).thenReturn(5_000L);
        when(quotes.tryFor(USER, 2, null)).thenReturn(Optional.of(new Quote(2, 1_000, 9_000, true, 50_000, 100)));
        when(quotes.tryFor(USER, 1, null)).thenReturn(Optional.of(new Quote(1, 500, 6_000, true, 50_000, 100)));

        commands.run("implement", answer, onProject, "all");
        commands.run("implement", new Answer(command("tg-2"), replies), onProject, "#3");
        commands.run("implement", new Answer(command("tg-3"), replies), onProject, "");

        verify(launcher, never()).launch(any(), any(), anyString());
        List<Reply> asked = replies();
        assertTrue(asked.get(0).text().contains("💰 Estimated: 1,000–9,000 credits"), asked.get(0).text());
        assertTrue(asked.get(0).text().contains("Nothing is spent until you press *Start*"), asked.get(0).text());
        assertEquals("go:all:p7", asked.get(0).buttons().get(0).get(0).callbackData());
        assertEquals("go:p7:t3", asked.get(1).buttons().get(0).get(0).callbackData());
        assertEquals("go:next:p7", asked.get(2).buttons().get(0).get(0).callbackData());
    }

    @Test
    void startLaunchesTheQuotedWorkAndWorkQuotedWithinTheThresholdStartsAtOnceWithItsQuote() {
        when(settings.autoStartBelow(USER)).thenReturn(5_000L);
        when(quotes.tryFor(USER, 2, null)).thenReturn(Optional.of(new Quote(2, 1_000, 9_000, true, 50_000, 100)));
        when(quotes.tryFor(USER, 1, null)).thenReturn(Optional.of(new Quote(1, 500, 4_000, true, 50_000, 100)));

        commands.startImplementing(answer, onProject, "all");
        assertEquals(List.of(2, 3), queueOf(launched(JobStep.START_TASK)));

        commands.run("implement", new Answer(command("tg-2"), replies), onProject, "");
        ArgumentCaptor<String> status = ArgumentCaptor.forClass(String.class);
        verify(launcher, times(2)).launch(any(), eq(JobStep.START_TASK), status.capture());
        assertTrue(status.getValue().startsWith("Starting task 2…\n💰 Estimated: 500–4,000 credits"), status.getValue());
    }

    @Test
    void implementOfATaskThatDoesNotExistSaysHowManyThereAre() {
        commands.run("implement", answer, onProject, "9");

        assertEquals("There is no task 9 in **Habits** (it has 3). /tasks shows them.", said().get(0));
        verify(launcher, never()).launch(any(), any(), anyString());
    }

    @Test
    void implementWithNonsenseExplainsTheForms() {
        commands.run("implement", answer, onProject, "everything please");

        assertTrue(said().get(0).startsWith("Use /implement (the next task)"), said().toString());
    }

    @Test
    void implementWhenEveryTaskIsDoneSaysSoWithTheDownloadButtons() {
        when(store.tasks(PROJECT, USER)).thenReturn(List.of(task(1, "done")));

        commands.run("implement", answer, onProject, "all");

        Reply reply = replies().get(0);
        assertTrue(reply.text().startsWith("Every task of **Habits** is done."), reply.text());
        assertTrue(reply.buttons() != null && !reply.buttons().isEmpty());
    }

    @Test
    void implementWithoutAnActiveProjectSaysHowToGetOne() {
        commands.run("implement", answer, noProject, "");

        assertTrue(said().get(0).startsWith("No active project yet."), said().toString());
    }

    @Test
    void aLaunchRefusedTellsTheUserWhy() {
        when(launcher.launch(any(), any(), anyString())).thenReturn(new JobLauncher.Launch(false,
                "**Habits** is busy: planning. Wait for it to finish, or /cancel it.", null));

        commands.run("readme", answer, onProject, "");

        assertEquals(new Work.Readme(null), launched(JobStep.README).work);
        assertEquals("**Habits** is busy: planning. Wait for it to finish, or /cancel it.", said().get(0));
    }

    @Test
    void cancelStopsTheActiveProjectsJobAtItsNextStep() {
        Job running = running("job-tg-0", PROJECT);
        when(jobs.projectJob(PROJECT)).thenReturn(Optional.of(running.id));
        when(jobs.get(running.id)).thenReturn(Optional.of(running));

        commands.run("cancel", answer, onProject, "");

        verify(jobs).requestCancel("job-tg-0");
        assertTrue(said().get(0).startsWith("Stopping implementing task 2 (1 of 1) on Habits"), said().toString());
    }

    @Test
    void cancelWithoutAProjectJobStopsTheUsersNewestJobInThisChat() {
        Job older = running("job-tg-a", null);
        Job newer = running("job-tg-b", null);
        Job elsewhere = running("job-tg-c", null);
        elsewhere.chatId = 99;
        when(jobs.runningOf(USER)).thenReturn(List.of(older, newer, elsewhere));

        commands.run("cancel", answer, noProject, "");

        verify(jobs).requestCancel("job-tg-b");
    }

    @Test
    void cancelWithNothingRunningSaysSo() {
        commands.run("cancel", answer, onProject, "");

        assertEquals("Nothing is running for you here.", said().get(0));
        verify(jobs, never()).requestCancel(anyString());
    }

    @Test
    void aStrangersJobOnTheSameProjectIdIsNotTheirsToCancel() {
        Job theirs = running("job-tg-0", PROJECT);
        theirs.userId = 7_777;
        when(jobs.projectJob(PROJECT)).thenReturn(Optional.of(theirs.id));
        when(jobs.get(theirs.id)).thenReturn(Optional.of(theirs));

        commands.run("cancel", answer, onProject, "");

        verify(jobs, never()).requestCancel(anyString());
    }

    private Job launched(JobStep first) {
        ArgumentCaptor<Job> job = ArgumentCaptor.forClass(Job.class);
        verify(launcher).launch(job.capture(), eq(first), anyString());
        return job.getValue();
    }

    private static List<Integer> queueOf(Job job) {
        return job.work(Work.Implement.class).queue();
    }

    private List<Reply> replies() {
        ArgumentCaptor<Reply> reply = ArgumentCaptor.forClass(Reply.class);
        verify(replies, atLeastOnce()).send(any(), reply.capture());
        return reply.getAllValues();
    }

    private List<String> said() {
        return new ArrayList<>(replies().stream().map(Reply::text).toList());
    }

    private static Job running(String id, Long projectId) {
        Job job = new Job(id, Work.Implement.of(List.of(2)));
        job.userId = USER;
        job.chatId = USER;
        job.projectId = projectId;
        job.projectTitle = "Habits";
        job.step = JobStep.IMPLEMENT;
        return job;
    }

    private static Command command(String id) {
        return new Command(id, 1L, USER, null, USER, null, null, null, Command.Kind.COMMAND, null, null, null, null,
                null, null, null, null, null, null);
    }

    private static StoreRecords.Project project() {
        return new StoreRecords.Project(PROJECT, USER, "Habits", "a habit tracker", "summary", List.of("node"),
                "architecture", null, "active");
    }

    private static StoreRecords.Task task(int number, String status) {
        return new StoreRecords.Task(number, "Task " + number, "Do " + number, List.of(), status, 0, null, null);
    }
}
