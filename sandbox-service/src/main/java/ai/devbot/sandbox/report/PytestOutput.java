package ai.devbot.sandbox.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ai.devbot.sandbox.run.TestSummary;

/**
 * pytest's own summary in its output: the last line like {@code 2 failed, 12 passed, 1 skipped in 0.31s} (with or
 * without the {@code ===} frame, {@code -q} or not), and the {@code FAILED}/{@code ERROR} lines of its short test
 * summary for names and messages.
 */
public final class PytestOutput {

    private static final Pattern SUMMARY = Pattern.compile(
            "^=*\\s*((?:\\d+ (?:passed|failed|errors?|skipped|xfailed|xpassed|deselected|warnings?|rerun)(?:, )?)+)"
                    + "\\s+in\\s+[\\d.]+s\\b.*$");
    private static final Pattern COUNT = Pattern.compile("(\\d+) (passed|failed|errors?|skipped|xfailed|xpassed)");
    private static final Pattern NO_TESTS = Pattern.compile("^=*\\s*no tests ran in [\\d.]+s\\b.*$");
    private static final Pattern SHORT = Pattern.compile("^(FAILED|ERROR) (\\S+)(?: - (.*))?$");

    private PytestOutput() {
    }

    /** The summary, or null when the text holds no pytest summary line. */
    public static TestSummary parse(String output) {
        String[] lines = output.split("\r?\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            String line = lines[i].strip();
            if (NO_TESTS.matcher(line).matches()) {
                return new TestSummary("pytest", 0, 0, 0, 0, 0, List.of());
            }
            Matcher summary = SUMMARY.matcher(line);
            if (summary.matches()) {
                return summary(summary.group(1), lines);
            }
        }
        return null;
    }

    private static TestSummary summary(String counts, String[] lines) {
        int passed = 0;
        int failed = 0;
        int errors = 0;
        int skipped = 0;
        Matcher count = COUNT.matcher(counts);
        while (count.find()) {
            int n = Integer.parseInt(count.group(1));
            switch (count.group(2)) {
                case "passed", "xpassed" -> passed += n;
                case "failed" -> failed += n;
                case "error", "errors" -> errors += n;
                default -> skipped += n; // skipped, xfailed
            }
        }
        List<TestSummary.Failure> failures = new ArrayList<>();
        for (String line : lines) {
            Matcher shortLine = SHORT.matcher(line.strip());
            if (shortLine.matches()) {
                TestFailures.add(failures, shortLine.group(2), shortLine.group(3));
            }
        }
        return new TestSummary("pytest", passed + failed + errors + skipped, passed, failed, errors, skipped,
                List.copyOf(failures));
    }
}
