package ai.devbot.orchestrator.job.service;

import java.util.List;
import java.util.stream.Collectors;

import jakarta.inject.Singleton;

import ai.devbot.orchestrator.client.agent.AgentRecords;
import ai.devbot.orchestrator.client.projectstore.StoreRecords;
import ai.devbot.orchestrator.job.model.Job;
import ai.devbot.orchestrator.job.model.JobStep;
import ai.devbot.orchestrator.job.model.Work;
import ai.devbot.orchestrator.reply.Buttons;
import ai.devbot.orchestrator.reply.Reply;
import ai.devbot.orchestrator.session.SessionStore;
import io.smallrye.mutiny.Uni;

/** PLAN: the architect writes the plan; the project, its tasks and the plan message are saved. */
@Singleton
class PlanWorkflow extends ArchitectWorkflow {

    private final Tools tools;
    private final SessionStore sessions;

    PlanWorkflow(Tools tools, SessionStore sessions) {
        super(JobStep.PLAN, JobStep.SAVE_PLAN);
        this.tools = tools;
        this.sessions = sessions;
    }

    @Override
    Uni<JobStep> ask(Job job) {
        tools.progress.typing(job);
        return tools.models.call(job, "plan", tools.config.jobs().estimate().plan(),
                callId -> new AgentRecords.PlanRequest(job.id, job.userId, null, idea(job).idea(), callId, job.tier), tools.agent::plan,
                AgentRecords.Planned::usage).map(planned -> {
                    job.work = idea(job).planned(planned.plan());
                    return JobStep.SAVE_PLAN;
                });
    }

    @Override
    JobStep save(Job job) {
        Work.Plan work = idea(job);
        AgentRecords.Plan plan = work.plan();
        StoreRecords.Project project = tools.store.create(new StoreRecords.NewProject(job.userId, plan.title(),
                work.idea(), plan.summary(), plan.techStack(), plan.architecture(), plan.checks(), job.id));
        job.projectId = project.id();
        job.projectTitle = project.title();
        List<StoreRecords.Task> tasks = tools.store.appendTasks(project.id(), job.userId, job.id,
                newTasks(plan.tasks()));
        sessions.save(sessions.get(job.chatId, job.userId).withActiveProject(project.id()));
        tools.replies.send(job.threadId, Reply.message(job.id + "/plan", job.commandId, job.chatId,
                Texts.plan(project, tasks, tools.quotes.tryFor(job.userId, tasks.size(), job.tier), job.simulated),
                Buttons.afterPlan(project.id())));
        job.ending = Job.State.DONE;
        return JobStep.FINISH;
    }

    private static Work.Plan idea(Job job) {
        return job.work(Work.Plan.class);
    }

    static List<StoreRecords.NewTask> newTasks(List<AgentRecords.Task> tasks) {
        return tasks.stream().map(task -> new StoreRecords.NewTask(task.title(), task.description(),
                task.acceptanceCriteria())).collect(Collectors.toList());
    }
}
