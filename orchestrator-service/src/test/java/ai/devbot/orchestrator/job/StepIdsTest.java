package ai.devbot.orchestrator.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import ai.devbot.orchestrator.job.model.Job;
import ai.devbot.orchestrator.job.model.JobStep;
import ai.devbot.orchestrator.job.model.StepMessage;
import ai.devbot.orchestrator.job.model.Work;

class StepIdsTest {

    @Test
    void aStepIdNamesTheJobTaskAttemptAndStepSoARerunGetsTheSameOne() {
        Job job = new Job("job-tg-1", new Work.Plan("a habit tracker", null));
        assertEquals("job-tg-1/PLAN", StepMessage.idOf(job, JobStep.PLAN));
        Work.Implement work = Work.Implement.of(List.of(3, 4));
        job.work = work;
        assertEquals("job-tg-1/task-3/START_TASK", StepMessage.idOf(job, JobStep.START_TASK));
        job.work = work.started(null);
        job.work = work.with(((Work.Implement) job.work).attempt().again(null));
        assertEquals("job-tg-1/task-3/START_TASK", StepMessage.idOf(job, JobStep.START_TASK));
        assertEquals("job-tg-1/task-3/attempt-2/REVIEW", StepMessage.idOf(job, JobStep.REVIEW));
        assertEquals("job-tg-1/task-3/TASK_DONE", StepMessage.idOf(job, JobStep.TASK_DONE));
        job.work = ((Work.Implement) job.work).taskDone();
        assertEquals("job-tg-1/task-4/START_TASK", StepMessage.idOf(job, JobStep.START_TASK));
        job.work = ((Work.Implement) job.work).started(null).taskDone();
        assertEquals("job-tg-1/FINISH", StepMessage.idOf(job, JobStep.FINISH));
    }
}
