package ai.devbot.sandbox.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import ai.devbot.sandbox.run.TestSummary;

class ReportParsersTest {

    @Test
    void pytestsQuietAndFramedSummariesAreRead() {
        TestSummary quiet = PytestOutput.parse("..F.\nFAILED test_x.py::test_b - assert 1 == 2\n"
                + "1 failed, 3 passed in 0.05s\n");
        assertEquals(new TestSummary("pytest", 4, 3, 1, 0, 0,
                List.of(new TestSummary.Failure("test_x.py::test_b", "assert 1 == 2"))), quiet);
        TestSummary framed = PytestOutput.parse("===== 12 passed, 2 skipped, 1 xfailed, 3 warnings in 1.20s =====");
        assertEquals(15, framed.total());
        assertEquals(12, framed.passed());
        assertEquals(3, framed.skipped());
        TestSummary errors = PytestOutput.parse("=== 1 error in 0.10s ===");
        assertEquals(1, errors.errors());
        assertFalse(errors.allPassed());
        assertEquals("1 of 1 failed", errors.headline());
        assertEquals(0, PytestOutput.parse("no tests ran in 0.01s").total());
        assertNull(PytestOutput.parse("compiling...\nok\n"));
    }

    @Test
    void nodeTestTapTotalsAreRead() {
        TestSummary tap = TapOutput.parse("TAP version 13\nok 1 - adds\nnot ok 2 - subtracts\n# tests 2\n"
                + "# suites 0\n# pass 1\n# fail 1\n# cancelled 0\n# skipped 0\n# todo 0\n");
        assertEquals(new TestSummary("tap", 2, 1, 1, 0, 0, List.of(new TestSummary.Failure("subtracts", ""))), tap);
        assertNull(TapOutput.parse("ok\n"));
    }

    @Test
    void junitXmlCountsEveryReportAndKeepsFailures() {
        String surefire = "<?xml version=\"1.0\"?><testsuite name=\"CalcTest\" tests=\"3\">"
                + "<testcase classname=\"CalcTest\" name=\"adds\"/>"
                + "<testcase classname=\"CalcTest\" name=\"subtracts\"><failure message=\"expected 1 but was 2\">trace"
                + "</failure></testcase><testcase classname=\"CalcTest\" name=\"later\"><skipped/></testcase></testsuite>";
        String pytest = "<testsuites><testsuite><testcase classname=\"test_a\" name=\"test_x\">"
                + "<error message=\"ImportError\"/></testcase></testsuite></testsuites>";
        TestSummary summary = JUnitXml.summarize(List.of(surefire, pytest));
        assertEquals(4, summary.total());
        assertEquals(1, summary.passed());
        assertEquals(1, summary.failed());
        assertEquals(1, summary.errors());
        assertEquals(1, summary.skipped());
        assertEquals(List.of(new TestSummary.Failure("CalcTest.subtracts", "expected 1 but was 2"),
                new TestSummary.Failure("test_a.test_x", "ImportError")), summary.failures());
        assertEquals("2 of 4 failed", summary.headline());
    }

    @Test
    void hostileOrBrokenXmlCountsAsNothing() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE t [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<testsuite><testcase name=\"&x;\"><failure message=\"&x;\"/></testcase></testsuite>";
        TestSummary summary = JUnitXml.summarize(List.of(xxe));
        assertTrue(summary == null || summary.failures().stream().noneMatch(f -> f.message().contains("root:")));
        assertNull(JUnitXml.summarize(List.of("<testsuite><testcase name=")));
        assertNull(JUnitXml.summarize(List.of("not xml at all")));
    }

    @Test
    void failureMessagesAndCountsAreBounded() {
        StringBuilder xml = new StringBuilder("<testsuite>");
        for (int i = 0; i < 100; i++) {
            xml.append("<testcase name=\"t").append(i).append("\"><failure message=\"").append("m".repeat(2000))
                    .append("\"/></testcase>");
        }
        TestSummary summary = JUnitXml.summarize(List.of(xml.append("</testsuite>").toString()));
        assertEquals(100, summary.failed());
        assertEquals(TestFailures.MAX_FAILURES, summary.failures().size());
        assertTrue(summary.failures().get(0).message().length() <= TestFailures.MAX_MESSAGE);
    }
}
