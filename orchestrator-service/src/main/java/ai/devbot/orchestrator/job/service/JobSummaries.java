package ai.devbot.orchestrator.job.service;

import java.util.ArrayList;
import java.util.List;

import ai.devbot.orchestrator.client.projectstore.StoreRecords;
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
                String task = "task " + work.number() + " (" + (work.index() + 1) + " of " + work.queue().size() + ")";
                yield job.paused() ? task + " paused at its cap, waiting for your choice" : "implementing " + task;
            }
            case EXTEND -> "planning a change request";
            case README -> "writing the README";
            case TEST -> "running the tests";
            case IMPORT -> "importing " + Markdown.text(job.work(Work.Import.class).fileName());
        };
    }

    /** What a rollback did to the files, in a phrase ("restored `a.py`, removed `b.py`"). */
    public static String restored(StoreRecords.Applied applied) {
        List<String> parts = new ArrayList<>();
        // Undoing writes back the old content of changed files, deletes the files the task created, and
        // re-creates the ones it deleted.
        if (!applied.changed().isEmpty()) {
            parts.add("restored " + shortList(applied.changed()));
        }
        if (!applied.deleted().isEmpty()) {
            parts.add("removed " + shortList(applied.deleted()));
        }
        if (!applied.created().isEmpty()) {
            parts.add("brought back " + shortList(applied.created()));
        }
        return parts.isEmpty() ? "its files were already as before it" : String.join(", ", parts);
    }

    /** Up to five paths as code, then how many more ("`a`, `b` and 3 more"). */
    public static String shortList(List<String> paths) {
        List<String> items = paths.stream().map(Markdown::code).toList();
        return items.size() <= 5 ? String.join(", ", items)
                : String.join(", ", items.subList(0, 5)) + " and " + (items.size() - 5) + " more";
    }

    public static String doingWithProject(Job job) {
        return doing(job) + (job.projectTitle == null ? "" : " on " + Markdown.text(job.projectTitle));
    }
}
