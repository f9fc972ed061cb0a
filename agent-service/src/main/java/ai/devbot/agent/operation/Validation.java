package ai.devbot.agent.operation;

import java.util.List;
import java.util.Set;

/** Input checks with messages the caller can act on (400). Bounds keep one request from costing a fortune. */
final class Validation {

    static final int MAX_TEXT = 200_000;
    private static final Set<String> EDIT_KINDS = Set.of("replace", "write", "delete");

    private Validation() {
    }

    static void plan(Requests.Plan r) {
        common(r);
        text(r.idea(), "idea", 4_000);
        optional(r.constraints(), "constraints", 4_000);
    }

    static void review(Requests.Review r) {
        common(r);
        task(r.task());
        if ((r.edits() == null || r.edits().isEmpty()) && (r.change() == null || r.change().isBlank())) {
            throw new IllegalArgumentException("edits is required (the change to review)");
        }
        optional(r.change(), "change", MAX_TEXT);
        optional(r.files(), "files", MAX_TEXT);
        optional(r.explanation(), "explanation", 20_000);
        optional(r.checks(), "checks", 500);
        long size = 0;
        for (Requests.Edit edit : r.edits() == null ? List.<Requests.Edit>of() : r.edits()) {
            if (edit == null || edit.kind() == null || !EDIT_KINDS.contains(edit.kind())) {
                throw new IllegalArgumentException("edits[].kind must be one of " + EDIT_KINDS);
            }
            text(edit.path(), "edits[].path", 500);
            size += length(edit.search()) + length(edit.replace()) + length(edit.content());
        }
        for (Requests.ChangedFile file : r.changedFiles() == null ? List.<Requests.ChangedFile>of() : r.changedFiles()) {
            if (file == null) {
                throw new IllegalArgumentException("changedFiles[] must be objects");
            }
            text(file.path(), "changedFiles[].path", 500);
            size += length(file.content());
        }
        if (size > MAX_TEXT) {
            throw new IllegalArgumentException("the change and its files are over " + MAX_TEXT
                    + " characters: send fewer files");
        }
        if (r.filesLeftOut() != null && r.filesLeftOut() < 0) {
            throw new IllegalArgumentException("filesLeftOut must be 0 or more");
        }
    }

    static void extend(Requests.Extend r) {
        common(r);
        if (r.plan() == null || r.plan().isNull()) {
            throw new IllegalArgumentException("plan is required (the project's current plan)");
        }
        text(r.changeRequest(), "changeRequest", 4_000);
    }

    static void readme(Requests.Readme r) {
        common(r);
        text(r.title(), "title", 200);
        optional(r.architecture(), "architecture", MAX_TEXT);
    }

    static void onboard(Requests.Onboard r) {
        common(r);
        if (r.projectId() == null) {
            throw new IllegalArgumentException("projectId is required (the imported project)");
        }
        text(r.title(), "title", 200);
        if (r.fileTree() == null || r.fileTree().isEmpty()) {
            throw new IllegalArgumentException("fileTree is required (the imported project's files)");
        }
        if (r.fileTree().size() > 5_000) {
            throw new IllegalArgumentException("fileTree has over 5000 paths: send the first ones and filesLeftOut");
        }
        long size = r.fileTree().stream().mapToLong(Validation::length).sum();
        for (Requests.SourceFile file : r.files() == null ? List.<Requests.SourceFile>of() : r.files()) {
            if (file == null) {
                throw new IllegalArgumentException("files[] must be objects");
            }
            text(file.path(), "files[].path", 500);
            size += length(file.content());
        }
        if (size > MAX_TEXT) {
            throw new IllegalArgumentException("the file tree and files are over " + MAX_TEXT
                    + " characters: send fewer files");
        }
        if (r.filesLeftOut() != null && r.filesLeftOut() < 0) {
            throw new IllegalArgumentException("filesLeftOut must be 0 or more");
        }
    }

    static void implement(Requests.Implement r) {
        common(r);
        task(r.task());
        text(r.architecture(), "architecture", MAX_TEXT);
        long context = r.context() == null ? 0
                : r.context().stream().mapToLong(c -> c.content() == null ? 0 : c.content().length()).sum();
        if (context > MAX_TEXT) {
            throw new IllegalArgumentException("context is over " + MAX_TEXT + " characters: send fewer chunks");
        }
        feedback(r.feedback());
    }

    private static void feedback(Requests.Feedback feedback) {
        if (feedback == null) {
            return;
        }
        if (feedback.kind() == null) {
            throw new IllegalArgumentException("feedback.kind is required: one of "
                    + java.util.Arrays.toString(Requests.Feedback.Kind.values()));
        }
        long size = feedback.problems() == null ? 0 : feedback.problems().stream().mapToLong(Validation::length).sum();
        Requests.CheckRun checks = feedback.checks();
        if (feedback.kind() == Requests.Feedback.Kind.CHECKS_FAILED) {
            if (checks == null) {
                throw new IllegalArgumentException("feedback.checks is required when the checks failed");
            }
            text(checks.command(), "feedback.checks.command", 2_000);
            text(checks.summary(), "feedback.checks.summary", 500);
            size += length(checks.stdoutTail()) + length(checks.stderrTail()) + length(checks.reason())
                    + (checks.failures() == null ? 0 : checks.failures().stream()
                            .mapToLong(f -> f == null ? 0 : length(f.name()) + length(f.message())).sum());
        }
        if (size > MAX_TEXT) {
            throw new IllegalArgumentException("feedback is over " + MAX_TEXT + " characters");
        }
    }

    private static long length(String text) {
        return text == null ? 0 : text.length();
    }

    private static void common(Requests.Billed r) {
        String jobId = r == null ? null : r.jobId();
        if (jobId == null || jobId.isBlank() || jobId.length() > 200) {
            throw new IllegalArgumentException("jobId is required (at most 200 characters)");
        }
        if (r.userId() == null || r.userId() <= 0) {
            throw new IllegalArgumentException("userId must be a positive Telegram user id");
        }
        if (r.projectId() != null && r.projectId() <= 0) {
            throw new IllegalArgumentException("projectId must be a positive project number (or absent before the project exists)");
        }
    }

    private static void task(Requests.TaskRef task) {
        if (task == null || task.number() == null || task.number() < 1) {
            throw new IllegalArgumentException("task.number must be 1 or more");
        }
        text(task.title(), "task.title", 500);
        optional(task.description(), "task.description", 20_000);
    }

    private static void text(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        optional(value, field, max);
    }

    private static void optional(String value, String field, int max) {
        if (value != null && value.length() > max) {
            throw new IllegalArgumentException(field + " is over " + max + " characters");
        }
    }
}
