package ai.devbot.sandbox.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ai.devbot.sandbox.run.TestSummary;

/**
 * TAP as {@code node --test} prints it: the closing {@code # tests N}, {@code # pass}, {@code # fail},
 * {@code # skipped}/{@code # todo} comments, and {@code not ok N - name} lines for the failures.
 */
public final class TapOutput {

    private static final Pattern TOTAL = Pattern.compile("(?m)^# (tests|pass|fail|skipped|todo|cancelled) (\\d+)\\s*$");
    private static final Pattern NOT_OK = Pattern.compile("(?m)^\\s*not ok \\d+ - (.+?)\\s*$");

    private TapOutput() {
    }

    public static TestSummary parse(String output) {
        int tests = -1;
        int pass = 0;
        int fail = 0;
        int skipped = 0;
        int cancelled = 0;
        Matcher total = TOTAL.matcher(output);
        while (total.find()) {
            int n = Integer.parseInt(total.group(2));
            switch (total.group(1)) {
                case "tests" -> tests = n;
                case "pass" -> pass = n;
                case "fail" -> fail = n;
                case "cancelled" -> cancelled = n;
                default -> skipped += n;
            }
        }
        if (tests < 0) {
            return null;
        }
        List<TestSummary.Failure> failures = new ArrayList<>();
        Matcher notOk = NOT_OK.matcher(output);
        while (notOk.find()) {
            TestFailures.add(failures, notOk.group(1), "");
        }
        return new TestSummary("tap", tests, pass, fail, cancelled, skipped, List.copyOf(failures));
    }
}
