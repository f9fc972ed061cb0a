package ai.devbot.orchestrator.job.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import ai.devbot.orchestrator.client.agent.AgentRecords;
import ai.devbot.orchestrator.client.projectstore.StoreRecords;

/**
 * The files of an imported project that tell the most about it, within a budget: the README, the build and
 * dependency files (they name the stack and the test command), the entry points, a test, then the smallest
 * other sources, shallowest first. Each file is cut to a share of the budget, so one huge file cannot crowd out
 * the rest. Pure: the contents come from the loader it is given.
 */
final class TellingFiles {

    /** Tokens are counted as characters / 4, the usual estimate for code and English. */
    static final int CHARS_PER_TOKEN = 4;
    static final int MAX_TREE = 1_000;

    private static final Pattern README = Pattern.compile("(?i)readme(\\.(md|rst|txt|markdown))?");
    private static final Set<String> BUILD = Set.of("package.json", "pyproject.toml", "requirements.txt",
            "requirements-dev.txt", "setup.py", "setup.cfg", "pipfile", "pom.xml", "build.gradle", "build.gradle.kts",
            "settings.gradle", "go.mod", "cargo.toml", "gemfile", "composer.json", "makefile", "dockerfile",
            "tsconfig.json", "pytest.ini", "tox.ini", "jest.config.js", "vite.config.js", "vite.config.ts",
            "deno.json", "mix.exs");
    private static final Pattern ENTRY = Pattern.compile(
            "(?i)(main|app|index|cli|server|__main__|manage)\\.(py|js|mjs|ts|go|rs|java|rb|php)");
    private static final Pattern TEST = Pattern.compile("(?i)(test_[^/]*|[^/]*_test|[^/]*\\.test|[^/]*\\.spec)\\.[a-z]+");
    private static final Pattern SOURCE = Pattern.compile(
            "(?i).*\\.(py|js|mjs|cjs|ts|tsx|jsx|go|rs|java|kt|rb|php|c|h|cpp|cs|swift|sh|sql|html|css|vue|svelte)");

    private TellingFiles() {
    }

    /** The file tree as the architect sees it: text and binary paths, at most {@link #MAX_TREE}. */
    static List<String> tree(List<StoreRecords.FileInfo> files) {
        return files.stream().map(file -> file.binary() ? file.path() + " (binary)" : file.path()).limit(MAX_TREE)
                .toList();
    }

    /** The telling files' contents within {@code budgetTokens}, most telling first. */
    static List<AgentRecords.SourceFile> pick(List<StoreRecords.FileInfo> files, int budgetTokens,
            Function<String, String> content) {
        int budget = budgetTokens * CHARS_PER_TOKEN;
        int perFile = Math.max(2_000, budget / 6);
        List<AgentRecords.SourceFile> picked = new ArrayList<>();
        int used = 0;
        for (StoreRecords.FileInfo file : ranked(files)) {
            if (used >= budget) {
                break;
            }
            String text = content.apply(file.path());
            if (text == null || text.isBlank()) {
                continue;
            }
            int room = Math.min(perFile, budget - used);
            String shown = text.length() <= room ? text : text.substring(0, room) + "\n… (" + (text.length() - room)
                    + " more characters)";
            picked.add(new AgentRecords.SourceFile(file.path(), shown));
            used += Math.min(text.length(), room);
        }
        return picked;
    }

    /** Every text file that could tell something, most telling first. */
    static List<StoreRecords.FileInfo> ranked(List<StoreRecords.FileInfo> files) {
        List<StoreRecords.FileInfo> candidates = new ArrayList<>(files.stream()
                .filter(file -> !file.binary() && rank(file.path()) < Integer.MAX_VALUE).toList());
        candidates.sort(Comparator.comparingInt((StoreRecords.FileInfo file) -> rank(file.path()))
                .thenComparingInt(file -> depth(file.path())).thenComparingLong(StoreRecords.FileInfo::bytes)
                .thenComparing(StoreRecords.FileInfo::path));
        // One test is enough to show how the project tests; the rest are ordinary sources.
        boolean testShown = false;
        List<StoreRecords.FileInfo> ordered = new ArrayList<>();
        List<StoreRecords.FileInfo> moreTests = new ArrayList<>();
        for (StoreRecords.FileInfo file : candidates) {
            if (rank(file.path()) == 3) {
                if (testShown) {
                    moreTests.add(file);
                    continue;
                }
                testShown = true;
            }
            ordered.add(file);
        }
        ordered.addAll(moreTests);
        return ordered;
    }

    private static int rank(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (README.matcher(name).matches()) {
            return depth(path) == 0 ? 0 : 4;
        }
        if (BUILD.contains(name.toLowerCase(Locale.ROOT))) {
            return 1;
        }
        if (ENTRY.matcher(name).matches()) {
            return 2;
        }
        if (TEST.matcher(name).matches()) {
            return 3;
        }
        return SOURCE.matcher(name).matches() ? 4 : Integer.MAX_VALUE;
    }

    private static int depth(String path) {
        return (int) path.chars().filter(c -> c == '/').count();
    }
}
