package ai.devbot.sandbox.report;

import java.util.List;

import ai.devbot.sandbox.run.TestSummary;

/** The failures a summary keeps: the first few, each message cut to what a prompt or a chat line can hold. */
final class TestFailures {

    static final int MAX_FAILURES = 20;
    static final int MAX_MESSAGE = 500;
    static final int MAX_NAME = 200;

    private TestFailures() {
    }

    static void add(List<TestSummary.Failure> failures, String name, String message) {
        if (failures.size() < MAX_FAILURES) {
            failures.add(new TestSummary.Failure(cut(name, MAX_NAME), cut(message == null ? "" : message.strip(), MAX_MESSAGE)));
        }
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
