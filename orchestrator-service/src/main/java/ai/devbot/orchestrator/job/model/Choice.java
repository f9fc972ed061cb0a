package ai.devbot.orchestrator.job.model;

/** What the user chose for a task paused at its cap, or that the pause ran out. */
public enum Choice {
    /** One more attempt, at most the pause's extra credits. */
    TRY_AGAIN,
    /** Take back what the task changed and stop. */
    UNDO,
    /** Leave the task failed as it is and go on with the next one. */
    SKIP,
    /** End the job here, the task failed. */
    STOP,
    /** Nobody chose in time: the job ends as with STOP, and says why. */
    EXPIRED
}
