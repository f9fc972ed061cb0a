package ai.devbot.orchestrator.job.service;

import java.util.List;

import jakarta.inject.Singleton;

import ai.devbot.orchestrator.client.agent.AgentRecords;
import ai.devbot.orchestrator.client.projectstore.StoreRecords;
import ai.devbot.orchestrator.job.model.Job;
import ai.devbot.orchestrator.job.model.JobStep;
import ai.devbot.orchestrator.job.model.Work;
import ai.devbot.orchestrator.reply.Buttons;
import ai.devbot.orchestrator.reply.Reply;
import io.smallrye.mutiny.Uni;

/** README: the architect writes the project's README, stored as README.md. */
@Singleton
class ReadmeWorkflow extends ArchitectWorkflow {

    private final Tools tools;

    ReadmeWorkflow(Tools tools) {
        super(JobStep.README, JobStep.SAVE_README);
        this.tools = tools;
    }

    @Override
    Uni<JobStep> ask(Job job) {
        StoreRecords.Project project = tools.reads.project(job);
        List<String> tasks = tools.store.tasks(job.projectId, job.userId).stream().map(StoreRecords.Task::title)
                .toList();
        List<String> files = tools.store.files(job.projectId, job.userId).stream().map(StoreRecords.FileInfo::path)
                .toList();
        tools.progress.typing(job);
        return tools.models.call(job, "readme", tools.config.jobs().estimate().readme(),
                callId -> new AgentRecords.ReadmeRequest(job.id, job.userId, job.projectId,
                        project.title(), project.architecture(), tasks, files, callId, job.tier), tools.agent::readme,
                AgentRecords.Readme::usage).map(readme -> {
                    job.work = new Work.Readme(readme.markdown());
                    return JobStep.SAVE_README;
                });
    }

    @Override
    JobStep save(Job job) {
        String readme = job.work(Work.Readme.class).markdown();
        tools.store.write(job.projectId, job.userId, "README.md", job.id, readme);
        tools.replies.send(job.threadId, Reply.message(job.id + "/readme", job.commandId, job.chatId,
                readme + "\n\n_Saved as README.md in the project._", Buttons.afterWork(job.projectId, false)));
        job.ending = Job.State.DONE;
        return JobStep.FINISH;
    }
}
