package ai.devbot.sandbox.runner.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import ai.devbot.sandbox.runner.ReportFile;

/**
 * Finds the JUnit XML reports a run left in its work directory (Maven's {@code TEST-*.xml}, pytest's
 * {@code --junitxml}, Gradle's test-results). Called only once every process of the run is dead, so nothing can
 * swap a file under it; links are never followed, only regular files are read, and count and size are bounded.
 */
final class ReportCollector {

    static final int MAX_FILES = 50;
    static final int MAX_FILE_BYTES = 2 * 1024 * 1024;
    static final int MAX_TOTAL_BYTES = 8 * 1024 * 1024;
    private static final int MAX_DEPTH = 12;
    private static final int MAX_VISITED = 50_000;

    private ReportCollector() {
    }

    static List<ReportFile> collect(Path work) throws IOException {
        List<ReportFile> reports = new ArrayList<>();
        int[] visited = {0};
        long[] total = {0};
        // walkFileTree without FOLLOW_LINKS: a link is visited as a file and then skipped as not regular.
        Files.walkFileTree(work, java.util.EnumSet.noneOf(java.nio.file.FileVisitOption.class), MAX_DEPTH,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                        return name.equals("node_modules") || name.equals(".venv") || name.equals(".git")
                                ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        if (++visited[0] > MAX_VISITED || reports.size() >= MAX_FILES) {
                            return FileVisitResult.TERMINATE;
                        }
                        if (attrs.isRegularFile() && looksLikeReport(work.relativize(file))
                                && attrs.size() <= MAX_FILE_BYTES && total[0] + attrs.size() <= MAX_TOTAL_BYTES) {
                            byte[] bytes;
                            try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                                bytes = in.readNBytes(MAX_FILE_BYTES);
                            }
                            total[0] += bytes.length;
                            reports.add(new ReportFile(work.relativize(file).toString(),
                                    new String(bytes, StandardCharsets.UTF_8)));
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        return FileVisitResult.CONTINUE;
                    }
                });
        return reports;
    }

    static boolean looksLikeReport(Path relative) {
        String name = relative.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".xml")) {
            return false;
        }
        String path = relative.toString().toLowerCase(Locale.ROOT);
        return name.startsWith("test-") || name.contains("junit") || path.contains("surefire-reports/")
                || path.contains("failsafe-reports/") || path.contains("test-results/") || path.contains("test-reports/");
    }
}
