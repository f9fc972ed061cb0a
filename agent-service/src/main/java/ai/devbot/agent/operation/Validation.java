package ai.devbot.agent.operation;

/** Input checks with messages the caller can act on (400). Bounds keep one request from costing a fortune. */
final class Validation {

    static final int MAX_TEXT = 200_000;

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
        text(r.change(), "change", MAX_TEXT);
        optional(r.files(), "files", MAX_TEXT);
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

    static void implement(Requests.Implement r) {
        common(r);
        task(r.task());
        text(r.architecture(), "architecture", MAX_TEXT);
        long context = r.context() == null ? 0
                : r.context().stream().mapToLong(c -> c.content() == null ? 0 : c.content().length()).sum();
        if (context > MAX_TEXT) {
            throw new IllegalArgumentException("context is over " + MAX_TEXT + " characters: send fewer chunks");
        }
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
