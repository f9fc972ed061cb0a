package ai.devbot.orchestrator.job.model;

/** The steps jobs are made of; each is recorded when it finishes and runs its effects once. */
public enum JobStep {
    /** PLAN: the architect writes the plan. */
    PLAN,
    /** PLAN: the project and its tasks are created in project-store and the plan is shown. */
    SAVE_PLAN,
    /** IMPLEMENT: the next task of the queue is marked in progress. */
    START_TASK,
    /** IMPLEMENT: the implementer answers with edits (with the previous attempt's errors). */
    IMPLEMENT,
    /** IMPLEMENT: the edits are applied atomically; problems go back to the implementer. */
    APPLY,
    /** IMPLEMENT: the project's checks run in the sandbox; failures go back to the implementer with their output. */
    CHECK,
    /** IMPLEMENT: the architect reviews the applied change; a rejection goes back to the implementer. */
    REVIEW,
    TASK_DONE,
    /** IMPLEMENT: the task ends failed (the user stopped it at a cap, its pause expired, or its checks cannot run). */
    TASK_FAILED,
    /** IMPLEMENT: the task reached its attempt or credit cap; the user is told why and asked what to do. */
    TASK_PAUSED,
    /**
     * IMPLEMENT: waits for the user's choice at a cap (Try again, Undo this task, Skip it, Stop). Never issued when
     * it is reached: the choice, /cancel or the pause's expiry issues it. Holds no credits; other projects stay free.
     */
    AWAIT_CHOICE,
    /** EXTEND: the architect turns a change request into new tasks. */
    EXTEND,
    SAVE_TASKS,
    /** README: the architect writes the project's README, then it is stored as README.md. */
    README,
    SAVE_README,
    /** TEST: the project's checks run on demand (/test) and the user gets their summary. */
    TEST_RUN,
    /** IMPORT: project-store turns the upload into a project (refused archives end the job). */
    IMPORT,
    /** IMPORT: the architect reads the imported project's tree and telling files. */
    ONBOARD,
    /** IMPORT: the project's summary, stack, architecture and checks are stored and shown. */
    SAVE_ONBOARDING,
    /** Every job: the final answer, the project's lock released. */
    FINISH;

    /** A step the job waits at for the user rather than running it at once. */
    public boolean waitsForUser() {
        return this == AWAIT_CHOICE;
    }

    /** Steps that call a model: the user sees "typing" while they run. */
    public boolean callsModel() {
        return this == PLAN || this == IMPLEMENT || this == REVIEW || this == EXTEND || this == README || this == ONBOARD;
    }
}
