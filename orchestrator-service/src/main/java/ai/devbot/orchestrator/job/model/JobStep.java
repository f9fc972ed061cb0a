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
    TASK_FAILED,
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

    /** Steps that call a model: the user sees "typing" while they run. */
    public boolean callsModel() {
        return this == PLAN || this == IMPLEMENT || this == REVIEW || this == EXTEND || this == README || this == ONBOARD;
    }
}
