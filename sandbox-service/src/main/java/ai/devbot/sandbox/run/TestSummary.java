package ai.devbot.sandbox.run;

import java.util.List;

/** What a test runner reported: counts, and the first failures with their messages (bounded). */
public record TestSummary(String format, int total, int passed, int failed, int errors, int skipped,
        List<Failure> failures) {

    public record Failure(String name, String message) {
    }

    public boolean allPassed() {
        return failed == 0 && errors == 0;
    }

    /** "12 passed" or "2 of 14 failed", as the chat shows it. */
    public String headline() {
        int bad = failed + errors;
        return bad == 0 ? passed + " passed" : bad + " of " + total + " failed";
    }
}
