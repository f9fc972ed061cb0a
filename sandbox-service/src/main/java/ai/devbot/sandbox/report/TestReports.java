package ai.devbot.sandbox.report;

import java.util.List;

import ai.devbot.sandbox.run.TestSummary;
import ai.devbot.sandbox.runner.ReportFile;

/** The best test summary a command gives: its JUnit XML reports first, else pytest's or TAP's own lines. */
public final class TestReports {

    private TestReports() {
    }

    /** From a command's output alone; null when it printed no summary a runner is known to print. */
    public static TestSummary fromOutput(String stdout, String stderr) {
        for (String text : List.of(stdout, stderr)) {
            TestSummary pytest = PytestOutput.parse(text);
            if (pytest != null) {
                return pytest;
            }
            TestSummary tap = TapOutput.parse(text);
            if (tap != null) {
                return tap;
            }
        }
        return null;
    }

    /** The run's summary: reports left in the work directory, else the last command's output. */
    public static TestSummary forRun(List<ReportFile> reports, TestSummary lastCommand) {
        TestSummary fromReports = JUnitXml.summarize(reports.stream().map(ReportFile::content).toList());
        return fromReports != null ? fromReports : lastCommand;
    }
}
