package ai.devbot.orchestrator.job.service;

import jakarta.enterprise.context.ApplicationScoped;

import ai.devbot.orchestrator.client.projectstore.ProjectStore;
import ai.devbot.orchestrator.job.model.Job;
import ai.devbot.orchestrator.job.model.Work;

/** What the architect is shown to review a task's change: the change, the checks' result and the files as they are now. */
@ApplicationScoped
class ReviewMaterial {

    /** Bounds on the files that go into a review prompt. */
    private static final int FILES_CHARS = 40_000;

    private final ProjectStore store;

    ReviewMaterial(ProjectStore store) {
        this.store = store;
    }

    String change(Work.Attempt attempt) {
        return Texts.change(attempt.explanation(), attempt.edits())
                + (attempt.checks() == null ? "" : "\n\nThe project's checks after the change: " + attempt.checks());
    }

    String files(Job job, Work.Attempt attempt) {
        StringBuilder files = new StringBuilder();
        for (String path : attempt.files()) {
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
