package ai.devbot.orchestrator.job.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import ai.devbot.orchestrator.client.agent.AgentRecords;
import ai.devbot.orchestrator.client.projectstore.StoreRecords;

/** Which files of an imported project the architect reads first, and that the budget holds. */
class TellingFilesTest {

    @Test
    void theReadmeBuildFilesEntryPointsAndOneTestComeBeforeOtherSources() {
        List<StoreRecords.FileInfo> files = List.of(file("src/util/strings.py", 900), file("tests/test_b.py", 100),
                file("tests/test_a.py", 200), file("src/app/main.py", 500), file("pyproject.toml", 300),
                file("README.md", 2_000), file("docs/notes.md", 50), file("logo.png", 10, true),
                file("src/app/core.py", 400));

        assertEquals(List.of("README.md", "pyproject.toml", "src/app/main.py", "tests/test_b.py", "src/app/core.py",
                "src/util/strings.py", "tests/test_a.py"),
                TellingFiles.ranked(files).stream().map(StoreRecords.FileInfo::path).toList());
    }

    @Test
    void theBudgetHoldsAndAHugeFileIsCutRatherThanCrowdingOutTheRest() {
        List<StoreRecords.FileInfo> files = List.of(file("README.md", 400_000), file("package.json", 300),
                file("index.js", 500));

        List<AgentRecords.SourceFile> picked = TellingFiles.pick(files, 2_000,
                path -> path.equals("README.md") ? "r".repeat(400_000) : "x".repeat(300));

        int total = picked.stream().mapToInt(file -> file.content().length()).sum();
        assertTrue(total <= 2_000 * TellingFiles.CHARS_PER_TOKEN + 200, "within the budget: " + total);
        assertEquals(List.of("README.md", "package.json", "index.js"), picked.stream().map(AgentRecords.SourceFile::path)
                .toList(), "the README is cut to its share, the others still fit");
        assertTrue(picked.get(0).content().endsWith("more characters)"), "a cut file says so");
    }

    private static StoreRecords.FileInfo file(String path, long bytes) {
        return file(path, bytes, false);
    }

    private static StoreRecords.FileInfo file(String path, long bytes, boolean binary) {
        return new StoreRecords.FileInfo(path, bytes, 1, binary);
    }
}
