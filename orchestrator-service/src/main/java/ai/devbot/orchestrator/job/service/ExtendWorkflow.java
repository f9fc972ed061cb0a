package ai.devbot.orchestrator.job.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import ai.devbot.orchestrator.client.agent.AgentRecords;
import ai.devbot.orchestrator.client.projectstore.StoreRecords;
import ai.devbot.orchestrator.job.model.Job;
import ai.devbot.orchestrator.job.model.JobStep;
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
                        plan, job.input, callId), tools.agent::extend,
                AgentRecords.Extended::usage).map(extended -> {
                    job.newTasks = new ArrayList<>(extended.tasks());
                    job.newChecks = extended.checks();
                    return JobStep.SAVE_TASKS;
                });
    }

    @Override
    JobStep save(Job job) {
        if (job.newChecks != null) {
            tools.store.changeChecks(job.projectId, job.userId, job.newChecks);
        }
        List<StoreRecords.Task> all = tools.store.appendTasks(job.projectId, job.userId, job.id,
                PlanWorkflow.newTasks(job.newTasks));
        List<StoreRecords.Task> added = all.subList(Math.max(0, all.size() - job.newTasks.size()), all.size());
        tools.replies.send(job.threadId, Reply.message(job.id + "/tasks", job.commandId, job.chatId,
                Texts.addedTasks(added, job.simulated), Buttons.afterPlan(job.projectId)));
        job.state = Job.State.DONE;
        return JobStep.FINISH;
    }
}
