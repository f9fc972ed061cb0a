package ai.devbot.orchestrator.job.service;

import jakarta.enterprise.context.ApplicationScoped;

import ai.devbot.orchestrator.client.projectstore.ProjectStore;
import ai.devbot.orchestrator.job.model.Job;

/** What the architect is shown to review a task's change: the change, the checks' result and the files as they are now. */
@ApplicationScoped
class ReviewMaterial {

    /** Bounds on the files that go into a review prompt. */
    private static final int FILES_CHARS = 40_000;

    private final ProjectStore store;

    ReviewMaterial(ProjectStore store) {
        this.store = store;
    }

    String change(Job job) {
        return Texts.change(job.pendingExplanation, job.pendingEdits)
                + (job.checksLine == null ? "" : "\n\nThe project's checks after the change: " + job.checksLine);
    }

    String files(Job job) {
        StringBuilder files = new StringBuilder();
        for (String path : job.taskChangedFiles) {
            String content = store.content(job.projectId, job.userId, path).orElse(null);
            String block = content == null ? path + ": (deleted)\n" : path + ":\n```\n" + content + "\n```\n";
            if (files.length() + block.length() > FILES_CHARS) {
                files.append("(more files changed; not shown)\n");
                break;
            }
            files.append(block);
        }
        return files.toString();
    }
}
