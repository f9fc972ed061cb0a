package ai.devbot.sandbox.report;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import ai.devbot.sandbox.run.TestSummary;

/**
 * Counts the test cases of JUnit XML reports (Maven Surefire, pytest {@code --junitxml}, Gradle, Jest's and
 * node's reporters) and keeps the first failures. The files were written by model code: no DTDs, no external
 * entities, and a malformed file counts as nothing rather than failing the run.
 */
public final class JUnitXml {

    private static final XMLInputFactory FACTORY = XMLInputFactory.newFactory();

    static {
        FACTORY.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        FACTORY.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        FACTORY.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    }

    private JUnitXml() {
    }

    /** Counts across all the given reports; null when none held a test case. */
    public static TestSummary summarize(List<String> reports) {
        Counts counts = new Counts();
        for (String report : reports) {
            try {
                read(report, counts);
            } catch (XMLStreamException | RuntimeException e) {
                // A half-written or hostile report adds nothing; the command's exit code still tells.
            }
        }
        if (counts.total == 0) {
            return null;
        }
        return new TestSummary("junit-xml", counts.total, counts.total - counts.failed - counts.errors - counts.skipped,
                counts.failed, counts.errors, counts.skipped, List.copyOf(counts.failures));
    }

    private static final class Counts {
        int total;
        int failed;
        int errors;
        int skipped;
        final List<TestSummary.Failure> failures = new ArrayList<>();
    }

    private static void read(String xml, Counts counts) throws XMLStreamException {
        XMLStreamReader reader = FACTORY.createXMLStreamReader(new StringReader(xml));
        String testCase = null;
        try {
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    switch (reader.getLocalName()) {
                        case "testcase" -> {
                            counts.total++;
                            String classname = reader.getAttributeValue(null, "classname");
                            String name = reader.getAttributeValue(null, "name");
                            testCase = (classname == null || classname.isEmpty() ? "" : classname + ".")
                                    + (name == null ? "?" : name);
                        }
                        case "failure", "error" -> {
                            if (testCase != null) {
                                if (reader.getLocalName().equals("failure")) {
                                    counts.failed++;
                                } else {
                                    counts.errors++;
                                }
                                String message = reader.getAttributeValue(null, "message");
                                String body = reader.getElementText();
                                TestFailures.add(counts.failures, testCase,
                                        message == null || message.isBlank() ? body : message);
                                testCase = null; // one verdict per test case
                            }
                        }
                        case "skipped" -> {
                            if (testCase != null) {
                                counts.skipped++;
                                testCase = null;
                            }
                        }
                        default -> {
                        }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT && reader.getLocalName().equals("testcase")) {
                    testCase = null;
                }
            }
        } finally {
            reader.close();
        }
    }
}
