package ai.devbot.orchestrator.job.service;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import ai.devbot.orchestrator.client.agent.AgentRecords;
import ai.devbot.orchestrator.client.projectstore.StoreRecords;
import ai.devbot.orchestrator.client.sandbox.SandboxRecords;
import ai.devbot.orchestrator.config.OrchestratorConfig;
import ai.devbot.orchestrator.job.model.Job;
import ai.devbot.orchestrator.job.model.JobStep;
import ai.devbot.orchestrator.job.model.Work;
import ai.devbot.orchestrator.reply.Buttons;
import ai.devbot.orchestrator.reply.Markdown;
import ai.devbot.orchestrator.reply.Replies;
import ai.devbot.orchestrator.reply.Reply;
import io.smallrye.mutiny.Uni;

/** TEST: the project's checks run on demand (/test) and the user gets their summary. */
@ApplicationScoped
class TestWorkflow implements Workflow {

    private final OrchestratorConfig config;
    private final JobProgress progress;
    private final Replies replies;
    private final JobStore jobs;
    private final SandboxSteps sandbox;
    private final JobReads reads;

    TestWorkflow(OrchestratorConfig config, JobProgress progress, Replies replies, JobStore jobs,
            SandboxSteps sandbox, JobReads reads) {
        this.config = config;
        this.progress = progress;
        this.replies = replies;
        this.jobs = jobs;
        this.sandbox = sandbox;
        this.reads = reads;
    }

    @Override
    public Set<JobStep> steps() {
        return Set.of(JobStep.TEST_RUN);
    }

    @Override
    public Uni<JobStep> run(JobStep step, Job job) {
        return switch (step) {
            case TEST_RUN -> testRun(job);
            default -> throw new IllegalArgumentException(step.name());
        };
    }

    private Uni<JobStep> testRun(Job job) {
        StoreRecords.Project project = reads.project(job);
        AgentRecords.Checks checks = project.checks();
        if (!config.jobs().runChecks()) {
            replies.send(job.threadId, Reply.message(job.id + "/test", job.commandId, job.chatId,
                    "Running tests is not switched on for this bot yet.", null));
            job.ending = Job.State.DONE;
            return Workflow.next(JobStep.FINISH);
        }
        if (checks == null || checks.check() == null || checks.check().isBlank()) {
            replies.send(job.threadId, Reply.message(job.id + "/test", job.commandId, job.chatId, "**" + Markdown.text(project.title())
                    + "** declares no checks (it was planned before the sandbox ran projects). Describe how to test "
                    + "it in a message, e.g. _run the tests with python3 -m pytest -q_, and the plan will get them.",
                    null));
            job.ending = Job.State.DONE;
            return Workflow.next(JobStep.FINISH);
        }
        progress.status(job, "**" + Markdown.text(project.title()) + "** · running " + Markdown.code(checks.check()) + "…");
        return sandbox.runChecks(job, checks).map(run -> reported(job, checks, run));
    }

    private JobStep reported(Job job, AgentRecords.Checks checks, SandboxRecords.RunResult run) {
        jobs.lastChecks(job.projectId, CheckReports.statusLine(run, "/test"));
        job.work = new Work.Test(CheckReports.headline(run));
        replies.send(job.threadId, Reply.message(job.id + "/test", job.commandId, job.chatId, CheckReports.forUser(checks, run)
                + "\n\nCredits spent: " + Markdown.credits(job.spent) + ".", Buttons.afterWork(job.projectId, true)));
        job.ending = Job.State.DONE;
        return JobStep.FINISH;
    }
}
