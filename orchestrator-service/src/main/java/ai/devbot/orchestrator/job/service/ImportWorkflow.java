package ai.devbot.orchestrator.job.service;

import java.util.List;
import java.util.Set;

import jakarta.inject.Singleton;

import ai.devbot.orchestrator.client.agent.AgentRecords;
import ai.devbot.orchestrator.client.projectstore.ProjectStore;
import ai.devbot.orchestrator.client.projectstore.StoreRecords;
import ai.devbot.orchestrator.job.model.Job;
import ai.devbot.orchestrator.job.model.JobStep;
import ai.devbot.orchestrator.job.model.Work;
import ai.devbot.orchestrator.reply.Buttons;
import ai.devbot.orchestrator.reply.Reply;
import ai.devbot.orchestrator.session.SessionStore;
import io.smallrye.mutiny.Uni;

/**
 * IMPORT: an archive the user sent (or a public repository's link) becomes a project (project-store checks every entry; a refused archive ends
 * the job with the reason and nothing stored), the architect onboards it from its file tree and telling files,
 * and the project gets the summary, stack, architecture and checks a planned project has — so change requests
 * and /implement work on it the same way.
 */
@Singleton
class ImportWorkflow implements Workflow {

    private final ArchitectWorkflow.Tools tools;
    private final SessionStore sessions;
    private final JobStore jobs;

    ImportWorkflow(ArchitectWorkflow.Tools tools, SessionStore sessions, JobStore jobs) {
        this.tools = tools;
        this.sessions = sessions;
        this.jobs = jobs;
    }

    @Override
    public Set<JobStep> steps() {
        return Set.of(JobStep.IMPORT, JobStep.ONBOARD, JobStep.SAVE_ONBOARDING);
    }

    @Override
    public Uni<JobStep> run(JobStep step, Job job) {
        return switch (step) {
            case IMPORT -> Workflow.next(importUpload(job));
            case ONBOARD -> onboard(job);
            case SAVE_ONBOARDING -> Workflow.next(save(job));
            default -> throw new IllegalArgumentException(step.name());
        };
    }

    private JobStep importUpload(Job job) {
        Work.Import work = work(job);
        ProjectStore.ImportOutcome outcome = work.url() != null
                ? tools.store.importGit(new StoreRecords.GitImportRequest(job.userId, work.url(), job.id))
                : tools.store.importUpload(new StoreRecords.ImportRequest(job.userId, work.uploadId(), job.id));
        if (outcome.refusal() != null) {
            job.failure = "I could not import " + work.fileName() + ": " + outcome.refusal() + ". Nothing was stored.";
            job.ending = Job.State.FAILED;
            return JobStep.FINISH;
        }
        StoreRecords.Project project = outcome.imported().project();
        job.projectId = project.id();
        job.projectTitle = project.title();
        // A brand-new project nobody else knows yet: taking its lock only keeps /use plus a command off it meanwhile.
        jobs.lockProject(project.id(), job.id);
        sessions.save(sessions.get(job.chatId, job.userId).withActiveProject(project.id()));
        job.work = work.imported(outcome.imported().report());
        tools.progress.status(job, "📦 Imported " + outcome.imported().report().files() + " files · reading the project…");
        return JobStep.ONBOARD;
    }

    private Uni<JobStep> onboard(Job job) {
        List<StoreRecords.FileInfo> files = tools.store.files(job.projectId, job.userId);
        List<String> tree = TellingFiles.tree(files);
        List<AgentRecords.SourceFile> telling = TellingFiles.pick(files, tools.config.jobs().onboardBudgetTokens(),
                path -> tools.store.content(job.projectId, job.userId, path).orElse(null));
        tools.progress.typing(job);
        return tools.models.call(job, "onboard", tools.config.jobs().estimate().onboard(),
                callId -> new AgentRecords.OnboardRequest(job.id, job.userId, job.projectId, job.projectTitle, tree,
                        files.size() - tree.size(), telling, callId, job.tier), tools.agent::onboard,
                AgentRecords.Onboarded::usage).map(onboarded -> {
                    job.work = work(job).onboarded(onboarded.onboarding());
                    return JobStep.SAVE_ONBOARDING;
                });
    }

    private JobStep save(Job job) {
        Work.Import work = work(job);
        AgentRecords.Onboarding onboarding = work.onboarding();
        StoreRecords.Project project = tools.store.change(job.projectId, job.userId, new StoreRecords.ProjectChange(
                onboarding.title(), onboarding.summary(), onboarding.techStack(), onboarding.architecture(),
                onboarding.checks()));
        job.projectTitle = project.title();
        tools.replies.send(job.threadId, Reply.message(job.id + "/imported", job.commandId, job.chatId,
                Texts.imported(project, work.report(), onboarding.checks(), job.simulated),
                Buttons.afterImport(project.id())));
        job.ending = Job.State.DONE;
        return JobStep.FINISH;
    }

    private static Work.Import work(Job job) {
        return job.work(Work.Import.class);
    }
}
