package ai.devbot.orchestrator.support;

import java.util.UUID;

/**
 * A short id for one failure: the user sees it instead of the failure's details (class names, hosts,
 * stack text stay in the log), and an operator finds the log line by it.
 */
public final class ErrorReference {

    private ErrorReference() {
    }

    public static String next() {
        return "E-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
