package ai.devbot.orchestrator.config;

import java.net.URI;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything the orchestrator decides by configuration (application.properties, prefix {@code orchestrator}). */
@ConfigMapping(prefix = "orchestrator")
public interface OrchestratorConfig {

    Jobs jobs();

    Commands commands();

    Payments payments();

    Limits limits();

    Quoting quoting();

    /** Quotes before work starts. */
    interface Quoting {
        /**
         * Work whose quote reaches at most this many credits starts at once; above it the user is asked first.
         * Each user may set their own with /settings.
         */
        @WithDefault("5000")
        long autoStartBelow();
    }

    /**
     * project-store's base URL as the gateway knows it ({@code PROJECT_STORE_URL}): download replies
     * carry archive URLs under it, and the gateway fetches only from there.
     */
    URI projectStorePublicUrl();

    interface Jobs {
        /**
         * Attempts per task before it pauses and asks the user: implementer answers that did not apply or were
         * rejected count.
         */
        @WithDefault("3")
        int maxAttempts();

        /** Credits one task may spend across all its attempts before it pauses and asks the user. */
        @WithDefault("40000")
        long taskCreditCap();

        /** Tokens of project context (file tree and code chunks) the implementer gets. */
        @WithDefault("3000")
        int contextBudgetTokens();

        /** Tokens of an imported project's telling files (README, build files, entry points) the architect reads. */
        @WithDefault("12000")
        int onboardBudgetTokens();

        /** Credits reserved before each model call, by operation: an upper estimate, settled to real usage after. */
        Estimates estimate();

        /**
         * Whether each task's change runs the project's checks in sandbox-service before review. Off where no
         * sandbox runs yet (the Kubernetes manifests, until the Job runner lands): tasks are then reviewed only.
         */
        @WithDefault("true")
        boolean runChecks();

        /**
         * How long a task paused at its cap waits for the user's choice; then the job stops by itself and says so.
         * It holds no credits meanwhile.
         */
        @WithDefault("24h")
        Duration pauseExpiry();

        /** A running job that made no progress for this long is resumed by re-issuing its current step. */
        @WithDefault("10m")
        Duration stallAfter();

        /**
         * Steps in flight at once on one replica; more wait in Kafka. A step waiting for a model holds no thread
         * (docs/adr/0012-no-thread-per-wait.md), so this bounds memory and the load on the other services.
         */
        @WithDefault("2000")
        int maxStepsInFlight();
    }

    interface Estimates {
        @WithDefault("4000")
        long plan();

        @WithDefault("3000")
        long implement();

        @WithDefault("2000")
        long review();

        @WithDefault("2000")
        long extend();

        @WithDefault("2000")
        long readme();

        @WithDefault("4000")
        long onboard();

        /** A sandbox run of the checks (setup and check at their time limits, at the sandbox's price). */
        @WithDefault("1000")
        long check();
    }

    interface Commands {
        /** How long a handled command id is remembered, so a re-delivered command is not run again. */
        @WithDefault("7d")
        Duration rememberFor();

        /** Commands handled at once on one replica (each on a worker thread); one chat's commands stay in order. */
        @WithDefault("32")
        int maxInFlight();
    }

    /** Payments billing could not credit at once are retried (docs/operations.md, "Pending payments"). */
    interface Payments {
        /** How often due payments are looked for (read by {@code PaymentRetries}' schedule). */
        @WithDefault("5s")
        Duration checkEvery();

        /** The wait before the first retry; it doubles with every failed attempt up to {@link #longestWait}. */
        @WithDefault("5s")
        Duration firstRetry();

        /** The longest wait between two attempts; retries never stop. */
        @WithDefault("5m")
        Duration longestWait();

        /** How long one replica holds a payment while it tries it. */
        @WithDefault("2m")
        Duration claimLease();

        /** Payments tried per check. */
        @WithDefault("50")
        int batch();

        /**
         * How often a payment that cannot even be stored (Redis down) is tried in place before it goes to
         * the dead-letter topic; the waits between tries double from {@link #storeBackoff}: 5 tries and
         * 2 + 4 + 8 + 16 s is ~30 s, well inside the consumer's limits ({@code bot-commands} in
         * application.properties).
         */
        @WithDefault("5")
        int storeAttempts();

        @WithDefault("2s")
        Duration storeBackoff();
    }

    /** What one user may ask for (docs/operations.md, "Abuse limits"). */
    interface Limits {
        /** Commands, messages and button presses per user per minute; payments are never limited. */
        @WithDefault("20")
        int commandsPerMinute();

        /** Jobs (plans, implementations, change requests, READMEs, test runs) one user may have running at once. */
        @WithDefault("2")
        int concurrentJobs();
    }
}
