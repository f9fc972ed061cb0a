package ai.devbot.orchestrator.job.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import ai.devbot.orchestrator.client.agent.AgentRecords;
import ai.devbot.orchestrator.client.projectstore.StoreRecords;

/** A job survives Redis whatever its kind, and its one end state is what its steps left. */
class JobRecordTest {

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void everyKindOfWorkComesBackFromItsStoredJsonAsItWas() throws Exception {
        StoreRecords.Task task = new StoreRecords.Task(3, "Login", "Add login", List.of("works"), "in_progress", 0,
                null, null);
        Work.Implement implement = Work.Implement.of(List.of(2, 3)).started(task).with(
                new Work.Attempt(task, 2, new AgentRecords.Feedback(AgentRecords.Feedback.Kind.CHECKS_FAILED,
                        List.of(), new AgentRecords.CheckRun("pytest", "✗ 1 of 2 failed", "check", null,
                        List.of(new AgentRecords.TestFailure("test_a", "boom")), "out", "")), List.of(new AgentRecords.Edit("write", "a.js", null,
                        null, "x")), "did it", List.of("b.js", "a.js"), "✗ 1 of 2 failed", 40,
                        new Work.Allowance(4, 9_000, 1), new Work.Pause("Task #3 did not converge", JobStep.IMPLEMENT,
                        3_000, Instant.parse("2026-12-03T10:00:00Z"))));
        List<Work> kinds = List.of(new Work.Plan("a habit tracker", null), implement,
                new Work.Extend("add dark mode", List.of(new AgentRecords.Task(null, "Dark", "d", List.of())), null),
                new Work.Readme("# Habits"), new Work.Test("✓ 5 passed"));
        for (Work work : kinds) {
            Job job = new Job("job-1", work);
            job.step = JobStep.FINISH;
            job.createdAt = Instant.parse("2026-12-02T10:00:00Z");
            Job back = json.readValue(json.writeValueAsString(job), Job.class);
            assertEquals(work, back.work, work.kind() + " round trip");
            assertEquals(work.kind(), back.kind());
            assertEquals(JobStep.FINISH, back.step);
            assertEquals(job.createdAt, back.createdAt);
        }
        Job back = json.readValue(json.writeValueAsString(new Job("job-2", implement)), Job.class);
        assertEquals(List.of("b.js", "a.js"), back.work(Work.Implement.class).attempt().files(), "order kept");
    }

    @Test
    void aJobIsRunningUntilItHasNoStepAndThenIsWhatItsStepsDecided() {
        Job job = new Job("job-1", new Work.Test(null));
        job.step = JobStep.FINISH;
        job.ending = Job.State.FAILED;
        assertFalse(job.finished());
        assertEquals(Job.State.RUNNING, job.state(), "decided, but FINISH has not run");
        job.step = null;
        assertTrue(job.finished());
        assertEquals(Job.State.FAILED, job.state());
    }

    @Test
    void chargesInsideATaskCountTowardsItsCapAndTheJobsSpend() {
        Job job = new Job("job-1", Work.Implement.of(List.of(1)));
        job.charged(5);
        job.work = job.work(Work.Implement.class).started(null);
        job.charged(7);
        assertEquals(12, job.spent);
        assertEquals(7, job.work(Work.Implement.class).attempt().spent());
    }

    @Test
    void aStepAskingForAnotherKindsWorkIsAnError() {
        Job job = new Job("job-1", new Work.Readme("# Habits"));
        IllegalStateException wrong = assertThrows(IllegalStateException.class, () -> job.work(Work.Implement.class));
        assertTrue(wrong.getMessage().contains("README"), wrong.getMessage());
        assertInstanceOf(Work.Readme.class, job.work(Work.Readme.class));
    }
}
