package ai.devbot.sandbox.runner;

/** A test report a command left in the work directory (JUnit XML), read after every process of the run ended. */
public record ReportFile(String path, String content) {
}
