package ai.devbot.orchestrator.job.service;

import ai.devbot.orchestrator.job.model.Job;
import ai.devbot.orchestrator.job.model.Work;
import ai.devbot.orchestrator.reply.Markdown;

/** What a running job is doing, in the words the user reads ("implementing task 3 (2 of 4)"). */
public final class JobSummaries {

    private JobSummaries() {
    }

    public static String doing(Job job) {
        return switch (job.kind()) {
            case PLAN -> "planning";
            case IMPLEMENT -> {
                Work.Implement work = job.work(Work.Implement.class);
                yield "implementing task " + work.number() + " (" + (work.index() + 1) + " of " + work.queue().size()
                        + ")";
            }
            case EXTEND -> "planning a change request";
            case README -> "writing the README";
            case TEST -> "running the tests";
            case IMPORT -> "importing " + Markdown.text(job.work(Work.Import.class).fileName());
        };
    }

    public static String doingWithProject(Job job) {
        return doing(job) + (job.projectTitle == null ? "" : " on " + Markdown.text(job.projectTitle));
    }
}
