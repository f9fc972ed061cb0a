package ai.devbot.orchestrator.job.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import ai.devbot.orchestrator.client.agent.AgentRecords;
import ai.devbot.orchestrator.client.projectstore.StoreRecords;
import ai.devbot.orchestrator.job.model.Job;
import ai.devbot.orchestrator.job.model.JobStep;
import ai.devbot.orchestrator.job.model.Work;
import ai.devbot.orchestrator.reply.Buttons;
import ai.devbot.orchestrator.reply.Reply;
import io.smallrye.mutiny.Uni;

/** EXTEND: the architect turns a change request into new tasks (and maybe new checks), which are saved. */
@Singleton
class ExtendWorkflow extends ArchitectWorkflow {

    private final Tools tools;

    ExtendWorkflow(Tools tools) {
        super(JobStep.EXTEND, JobStep.SAVE_TASKS);
        this.tools = tools;
    }

    @Override
    Uni<JobStep> ask(Job job) {
        StoreRecords.Project project = tools.reads.project(job);
        List<StoreRecords.Task> tasks = tools.store.tasks(job.projectId, job.userId);
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("title", project.title());
        plan.put("summary", project.summary());
        plan.put("techStack", project.techStack());
        plan.put("architecture", project.architecture());
        plan.put("tasks", tasks.stream().map(task -> Map.of("number", task.number(), "title", task.title(),
                "status", task.status())).toList());
        tools.progress.typing(job);
        return tools.models.call(job, "extend", tools.config.jobs().estimate().extend(),
                callId -> new AgentRecords.ExtendRequest(job.id, job.userId, job.projectId,
                        plan, request(job).request(), callId, job.tier), tools.agent::extend,
                AgentRecords.Extended::usage).map(extended -> {
                    job.work = request(job).planned(extended.tasks(), extended.checks());
                    return JobStep.SAVE_TASKS;
                });
    }

    @Override
    JobStep save(Job job) {
        Work.Extend work = request(job);
        if (work.newChecks() != null) {
            tools.store.changeChecks(job.projectId, job.userId, work.newChecks());
        }
        List<StoreRecords.Task> all = tools.store.appendTasks(job.projectId, job.userId, job.id,
                PlanWorkflow.newTasks(work.newTasks()));
        List<StoreRecords.Task> added = all.subList(Math.max(0, all.size() - work.newTasks().size()), all.size());
        tools.replies.send(job.threadId, Reply.message(job.id + "/tasks", job.commandId, job.chatId,
                Texts.addedTasks(added, tools.quotes.tryFor(job.userId, added.size(), job.tier), job.simulated),
                Buttons.afterPlan(job.projectId)));
        job.ending = Job.State.DONE;
        return JobStep.FINISH;
    }

    private static Work.Extend request(Job job) {
        return job.work(Work.Extend.class);
    }
}
