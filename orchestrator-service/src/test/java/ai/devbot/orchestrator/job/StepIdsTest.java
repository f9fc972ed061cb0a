package ai.devbot.orchestrator.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import ai.devbot.orchestrator.job.model.Job;
import ai.devbot.orchestrator.job.model.JobStep;
import ai.devbot.orchestrator.job.model.StepMessage;

class StepIdsTest {

    @Test
    void aStepIdNamesTheJobTaskAttemptAndStepSoARerunGetsTheSameOne() {
        Job job = new Job();
        job.id = "job-tg-1";
        assertEquals("job-tg-1/PLAN", StepMessage.idOf(job, JobStep.PLAN));
        job.taskQueue = List.of(3, 4);
        job.attempt = 2;
        assertEquals("job-tg-1/task-3/START_TASK", StepMessage.idOf(job, JobStep.START_TASK));
        assertEquals("job-tg-1/task-3/attempt-2/REVIEW", StepMessage.idOf(job, JobStep.REVIEW));
        assertEquals("job-tg-1/task-3/TASK_DONE", StepMessage.idOf(job, JobStep.TASK_DONE));
        job.taskIndex = 2;
        assertEquals("job-tg-1/FINISH", StepMessage.idOf(job, JobStep.FINISH));
    }
}
