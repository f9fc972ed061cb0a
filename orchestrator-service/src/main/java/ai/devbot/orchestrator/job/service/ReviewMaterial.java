package ai.devbot.orchestrator.job.service;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import ai.devbot.orchestrator.client.agent.AgentRecords;
import ai.devbot.orchestrator.client.projectstore.ProjectStore;
import ai.devbot.orchestrator.job.model.Job;
import ai.devbot.orchestrator.job.model.Work;

/**
 * The files a task's change touched, as they are now, for the architect's review: read from project-store and
 * bounded, so one review request stays a size agent-service accepts (its prompt words them).
 */
@ApplicationScoped
class ReviewMaterial {

    /** Bounds on the files that go into a review request. */
    private static final int FILES_CHARS = 40_000;

    /** The files that fit, and how many more the change touched. */
    record Files(List<AgentRecords.ChangedFile> shown, int leftOut) {
    }

    private final ProjectStore store;

    ReviewMaterial(ProjectStore store) {
        this.store = store;
    }

    Files files(Job job, Work.Attempt attempt) {
        List<AgentRecords.ChangedFile> shown = new ArrayList<>();
        int size = 0;
        for (String path : attempt.files()) {
            String content = store.content(job.projectId, job.userId, path).orElse(null);
            size += path.length() + (content == null ? 0 : content.length());
            if (size > FILES_CHARS) {
                return new Files(shown, attempt.files().size() - shown.size());
            }
            shown.add(new AgentRecords.ChangedFile(path, content, content == null));
        }
        return new Files(shown, 0);
    }
}
