package ai.devbot.orchestrator.job.service;

import jakarta.enterprise.context.ApplicationScoped;

import ai.devbot.orchestrator.client.projectstore.ProjectStore;
import ai.devbot.orchestrator.client.projectstore.StoreRecords;
import ai.devbot.orchestrator.job.model.Job;

/** The job's project and current task as project-store has them now (a step never trusts a stale copy). */
@ApplicationScoped
class JobReads {

    private final ProjectStore store;

    JobReads(ProjectStore store) {
        this.store = store;
    }

    StoreRecords.Task task(Job job) {
        int number = job.currentTask();
        return store.tasks(job.projectId, job.userId).stream().filter(task -> task.number() == number).findFirst()
                .orElseThrow(() -> new IllegalStateException("task " + number + " of project " + job.projectId
                        + " is gone"));
    }

    StoreRecords.Project project(Job job) {
        return store.project(job.projectId, job.userId)
                .orElseThrow(() -> new IllegalStateException("project " + job.projectId + " is gone"));
    }
}
