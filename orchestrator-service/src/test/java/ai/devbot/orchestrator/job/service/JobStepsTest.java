package ai.devbot.orchestrator.job.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.inject.Instance;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import ai.devbot.orchestrator.client.projectstore.ProjectStore;
import ai.devbot.orchestrator.client.projectstore.StoreRecords;
import ai.devbot.orchestrator.job.model.Job;
import ai.devbot.orchestrator.job.model.JobStep;
import ai.devbot.orchestrator.job.model.Work;
import ai.devbot.orchestrator.reply.Buttons;
import ai.devbot.orchestrator.reply.Replies;
import ai.devbot.orchestrator.reply.Reply;

/** How every job ends (FINISH) and which workflow runs each step, with project-store, replies and jobs mocked. */
class JobStepsTest {

    private static final long PROJECT = 7;
    private static final long USER = 42;

    private final ProjectStore store = mock(ProjectStore.class);
    private final Replies replies = mock(Replies.class);
    private final JobStore jobs = mock(JobStore.class);
    private JobSteps steps;

    @BeforeEach
    void setUp() {
        steps = new JobSteps(store, mock(JobProgress.class), replies, jobs, workflows(runs(allButFinish())));
        when(store.tasks(PROJECT, USER)).thenReturn(List.of(task(1, "done"), task(2, "in_progress")));
    }

    @Test
    void aCancelledImplementJobReopensTheTaskItWasOnAndFreesTheProject() {
        Job job = implementing();
        job.ending = Job.State.CANCELLED;

        assertNull(run(job), "FINISH is the last step");

        verify(store).updateTask(PROJECT, USER, 2, new StoreRecords.TaskUpdate("todo", null, "cancelled by the user",
                null));
        verify(jobs).unlockProject(PROJECT, job.id);
        Reply last = finalAnswer();
        assertTrue(last.text().startsWith("■ **Cancelled.** Task #1 finished before that."), last.text());
        assertEquals(Buttons.afterWork(PROJECT, true), last.buttons());
    }

    @Test
    void aJobThatReachesFinishUndecidedIsDoneAndOffersWhatIsLeft() {
        Job job = implementing();
        job.work = job.work(Work.Implement.class).taskDone();

        run(job);

        assertEquals(Job.State.DONE, job.ending);
        verify(store, never()).updateTask(anyLong(), anyLong(), anyInt(), any());
        assertTrue(finalAnswer().text().contains("More tasks are open"), finalAnswer().text());
    }

    @Test
    void aPlanThatFailedBeforeItHadAProjectSaysWhyAndHoldsNoLock() {
        Job job = new Job("job-tg-1", new Work.Plan("a habit tracker", null));
        job.userId = USER;
        job.step = JobStep.FINISH;
        job.ending = Job.State.FAILED;
        job.failure = "The model could not do this step: no plan";

        run(job);

        verify(jobs, never()).unlockProject(anyLong(), any());
        assertEquals("⚠️ The model could not do this step: no plan\n\nCredits spent: 0 credits.", finalAnswer().text());
        assertNull(finalAnswer().buttons());
    }

    @Test
    void aDonePlanHasNoFinalAnswerOfItsOwnItsPlanMessageSaidIt() {
        Job job = new Job("job-tg-1", new Work.Plan("a habit tracker", null));
        job.projectId = PROJECT;
        job.userId = USER;
        job.step = JobStep.FINISH;
        job.ending = Job.State.DONE;

        run(job);

        verify(replies, never()).send(any(), any());
        verify(jobs).unlockProject(PROJECT, job.id);
    }

    @Test
    void everyStepButFinishMustHaveExactlyOneWorkflow() {
        EnumSet<JobStep> missing = allButFinish();
        missing.remove(JobStep.REVIEW);
        IllegalStateException none = assertThrows(IllegalStateException.class,
                () -> new JobSteps(store, null, replies, jobs, workflows(runs(missing))));
        assertEquals("no workflow runs REVIEW", none.getMessage());

        IllegalStateException two = assertThrows(IllegalStateException.class,
                () -> new JobSteps(store, null, replies, jobs, workflows(runs(allButFinish()), runs(EnumSet.of(JobStep.PLAN)))));
        assertEquals("PLAN is run by two workflows", two.getMessage());
    }

    private JobStep run(Job job) {
        return steps.run(job).await().indefinitely();
    }

    private Reply finalAnswer() {
        ArgumentCaptor<Reply> reply = ArgumentCaptor.forClass(Reply.class);
        verify(replies).send(any(), reply.capture());
        assertTrue(reply.getValue().replyId().endsWith("/final"), reply.getValue().replyId());
        return reply.getValue();
    }

    private static Job implementing() {
        Job job = new Job("job-tg-1", Work.Implement.of(List.of(1, 2)).started(task(1, "in_progress")).taskDone()
                .started(task(2, "in_progress")));
        job.projectId = PROJECT;
        job.userId = USER;
        job.step = JobStep.FINISH;
        return job;
    }

    private static EnumSet<JobStep> allButFinish() {
        EnumSet<JobStep> steps = EnumSet.allOf(JobStep.class);
        steps.remove(JobStep.FINISH);
        return steps;
    }

    private static Workflow runs(Set<JobStep> steps) {
        Workflow workflow = mock(Workflow.class);
        when(workflow.steps()).thenReturn(steps);
        return workflow;
    }

    @SuppressWarnings("unchecked")
    private static Instance<Workflow> workflows(Workflow... workflows) {
        Instance<Workflow> instance = mock(Instance.class);
        when(instance.iterator()).thenAnswer(call -> List.of(workflows).iterator());
        return instance;
    }

    private static StoreRecords.Task task(int number, String status) {
        return new StoreRecords.Task(number, "Task " + number, "Do " + number, List.of(), status, 0, null, null);
    }
}
