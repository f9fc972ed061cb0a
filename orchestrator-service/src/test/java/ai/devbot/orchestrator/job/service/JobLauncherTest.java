package ai.devbot.orchestrator.job.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ai.devbot.orchestrator.job.model.Choice;
import ai.devbot.orchestrator.job.model.Job;
import ai.devbot.orchestrator.job.model.JobStep;
import ai.devbot.orchestrator.job.model.Work;
import ai.devbot.orchestrator.reply.Replies;
import io.quarkus.test.InjectMock;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A job's beginning against the real Redis, with the step runner and replies mocked: a user's commands from two
 * chats at once cannot both pass the concurrent-jobs limit, and a launch another one holds up is told so.
 */
@QuarkusTest
class JobLauncherTest {

    @Inject
    JobLauncher launcher;

    @Inject
    JobStore jobs;

    @InjectMock
    JobRunner runner;

    @InjectMock
    Replies replies;

    private long user;

    @BeforeEach
    void setUp() {
        user = ThreadLocalRandom.current().nextLong(1_000_000, 9_000_000_000L);
        // Starting takes a while (the step is published to Kafka): long enough for a second check to slip in.
        doAnswer(call -> {
            Thread.sleep(300);
            Job job = call.getArgument(0);
            job.step = call.getArgument(1);
            jobs.create(job);
            return true;
        }).when(runner).start(any(), any());
    }

    @Test
    void twoLaunchesOfOneUserAtOnceCannotBothPassTheLimit() throws Exception {
        launch("running", 1L).join();

        List<JobLauncher.Launch> launches = List.of(launch("chat-a", 2L), launch("chat-b", 3L)).stream()
                .map(CompletableFuture::join).toList();

        assertEquals(1, launches.stream().filter(JobLauncher.Launch::started).count(), launches.toString());
        JobLauncher.Launch refused = launches.stream().filter(launch -> !launch.started()).findFirst().orElseThrow();
        assertTrue(refused.refusal().startsWith("You already have 2 jobs running"), refused.refusal());
        assertEquals(2, jobs.runningOf(user).size());
    }

    @Test
    void aLaunchHeldUpByAnotherSaysSoInsteadOfWaitingForever() {
        assertTrue(jobs.leaseLaunch(user, "job-elsewhere", Duration.ofSeconds(30)));

        JobLauncher.Launch launch = launch("late", 4L).join();

        assertFalse(launch.started());
        assertEquals("Another of your commands is starting a job right now. Try again in a moment.", launch.refusal());
        jobs.endLaunch(user, "job-elsewhere");
        assertTrue(launch("again", 4L).join().started(), "the lease is gone once its launch ended");
    }

    @Test
    void aCommandHandledAgainAfterACrashTakesBackItsOwnLease() {
        String id = "job-tg-" + user + "-retry";
        assertTrue(jobs.leaseLaunch(user, id, Duration.ofSeconds(30)), "taken by the run that crashed");

        assertTrue(jobs.leaseLaunch(user, id, Duration.ofSeconds(30)));
        assertFalse(jobs.leaseLaunch(user, "job-other", Duration.ofSeconds(30)));
        jobs.endLaunch(user, "job-other");
        assertFalse(jobs.leaseLaunch(user, "job-other", Duration.ofSeconds(30)), "only its holder ends a lease");
        jobs.endLaunch(user, id);
    }

    @Test
    void noJobStartsOnAProjectAnUndoHoldsUntilTheUndoReleasesIt() {
        long project = 5L * 1_000_000_000L + user % 1_000_000_000L;
        assertTrue(jobs.holdProject(project, "undo:tg-1", Duration.ofSeconds(30)));

        JobLauncher.Launch refused = launch("during-undo", 5L).join();
        assertFalse(refused.started());
        assertEquals("**Project 5** is busy: another change to it. Wait for it to finish, or /cancel it.",
                refused.refusal());
        assertTrue(jobs.holdProject(project, "undo:tg-1", Duration.ofSeconds(30)), "the same undo takes it back");
        assertFalse(jobs.holdProject(project, "undo:tg-2", Duration.ofSeconds(30)), "a second undo waits its turn");

        jobs.releaseProject(project, "undo:tg-2");
        assertFalse(launch("still-held", 5L).join().started(), "only the holder releases it");
        jobs.releaseProject(project, "undo:tg-1");
        assertTrue(launch("after-undo", 5L).join().started());
    }

    @Test
    void anUndoIsRefusedWhileAJobRunsAndTakesTheLockAJobLeftBehindWhenItFinished() {
        long project = 6L * 1_000_000_000L + user % 1_000_000_000L;
        assertTrue(launch("running", 6L).join().started());
        assertFalse(jobs.holdProject(project, "undo:tg-3", Duration.ofSeconds(30)));

        Job running = jobs.get(jobs.projectJob(project).orElseThrow()).orElseThrow();
        running.step = null;
        jobs.save(running);

        assertTrue(jobs.holdProject(project, "undo:tg-3", Duration.ofSeconds(30)), "a finished job's lock is stale");
        jobs.releaseProject(project, "undo:tg-3");
        assertTrue(jobs.projectJob(project).isEmpty());
    }

    @Test
    void anUndoThatCrashedStopsHoldingTheProjectWhenItsHoldExpires() throws InterruptedException {
        long project = 8L * 1_000_000_000L + user % 1_000_000_000L;
        assertTrue(jobs.holdProject(project, "undo:tg-4", Duration.ofMillis(200)));
        Thread.sleep(400);

        assertTrue(launch("after-crash", 8L).join().started());
    }

    @Test
    void aPausedJobKeepsItsProjectButNotTheUserFromOtherWork() {
        assertTrue(launch("one", 11L).join().started());
        assertTrue(launch("two", 12L).join().started());
        Job paused = jobs.get(jobs.projectJob(11L * 1_000_000_000L + user % 1_000_000_000L).orElseThrow()).orElseThrow();
        paused.step = JobStep.AWAIT_CHOICE;
        jobs.save(paused);

        JobLauncher.Launch refused = launch("on-the-paused-one", 11L).join();
        assertFalse(refused.started());
        assertTrue(refused.refusal().contains("has a task paused at its cap"), refused.refusal());
        assertTrue(launch("three", 13L).join().started(), "the paused job is not one of the two running");
    }

    @Test
    void aPauseTakesTheFirstChoiceAndOneLeftFromAnEarlierPauseCountsForNothing() {
        String id = "job-choices-" + user;
        assertTrue(jobs.choose(id, id + "/pause-0/AWAIT_CHOICE", Choice.TRY_AGAIN));
        assertFalse(jobs.choose(id, id + "/pause-0/AWAIT_CHOICE", Choice.STOP), "a second press changes nothing");
        assertEquals(Optional.of(Choice.TRY_AGAIN), jobs.choice(id, id + "/pause-0/AWAIT_CHOICE"));

        assertEquals(Optional.empty(), jobs.choice(id, id + "/pause-1/AWAIT_CHOICE"), "the next pause is unanswered");
        assertTrue(jobs.choose(id, id + "/pause-1/AWAIT_CHOICE", Choice.STOP));
        assertEquals(Optional.of(Choice.STOP), jobs.choice(id, id + "/pause-1/AWAIT_CHOICE"));
        assertEquals(Optional.empty(), jobs.choice(id, id + "/pause-0/AWAIT_CHOICE"));
    }

    private CompletableFuture<JobLauncher.Launch> launch(String command, long project) {
        Job job = JobLauncher.job(new JobLauncher.Origin("tg-" + user + "-" + command, user, null, user),
                new Work.Readme(null), project * 1_000_000_000L + user % 1_000_000_000L, "Project " + project);
        return CompletableFuture.supplyAsync(() -> launcher.launch(job, JobStep.README, "Writing the README…"));
    }
}
