package ai.devbot.sandbox.runner.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

/**
 * What a setup left behind (new files in the work directory — a venv, node_modules — and the home folder — ~/.m2,
 * ~/.npm), kept per owner, setup command and dependency files, so a repeated run restores it instead of installing
 * again. Per owner: another user's setup never becomes yours. Copies keep regular files, folders and links (as
 * links: the walk never follows one, so nothing is written through one); anything else is skipped. Bounded in
 * size per entry and in total (oldest entries go first).
 */
final class SetupCache {

    private static final Logger LOG = Logger.getLogger(SetupCache.class);
    /** The files whose content decides what a setup installs, wherever they are in the project. */
    static final Set<String> DEPENDENCY_FILES = Set.of("requirements.txt", "requirements-dev.txt", "pyproject.toml",
            "poetry.lock", "Pipfile", "Pipfile.lock", "setup.py", "setup.cfg", "package.json", "package-lock.json",
            "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "pom.xml", "build.gradle", "go.mod", "go.sum",
            "Cargo.toml", "Cargo.lock");
    private static final String MAVEN_SETTINGS = ".m2/settings.xml";
    private static final String SIZE = "size";

    private final Path root;
    private final long maxEntryBytes;
    private final long maxTotalBytes;

    SetupCache(Path root, long maxEntryBytes, long maxTotalBytes) {
        this.root = root;
        this.maxEntryBytes = maxEntryBytes;
        this.maxTotalBytes = maxTotalBytes;
    }

    static String key(long ownerId, String command, SortedMap<String, byte[]> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(("owner " + ownerId + "\ncommand " + command + "\n").getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                String name = Path.of(file.getKey()).getFileName().toString();
                if (DEPENDENCY_FILES.contains(name)) {
                    digest.update(("file " + file.getKey() + " " + file.getValue().length + "\n")
                            .getBytes(StandardCharsets.UTF_8));
                    digest.update(file.getValue());
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies a stored setup into the run's areas; false when there is none. */
    boolean restore(String key, RunDirectory dir, int uid) throws IOException {
        Path entry = root.resolve(key);
        if (!Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        for (String area : List.of("work", "home")) {
            Path from = entry.resolve(area);
            if (Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
                copyTree(from, dir.area(area), Set.of(), uid, Long.MAX_VALUE);
            }
        }
        Files.setLastModifiedTime(entry, FileTime.fromMillis(System.currentTimeMillis()));
        return true;
    }

    /** Keeps what the setup added: new work files (not the project's own) and the home folder. */
    void store(String key, RunDirectory dir, Set<String> projectFiles) throws IOException {
        Path entry = root.resolve(key);
        Path staging = root.resolve(key + ".staging-" + System.nanoTime());
        Files.createDirectories(root);
        try {
            long used = copyTree(dir.work(), staging.resolve("work"), projectFiles, -1, maxEntryBytes);
            used += copyTree(dir.area("home"), staging.resolve("home"), Set.of(MAVEN_SETTINGS), -1, maxEntryBytes - used);
            // Its size, so eviction need not walk every entry (a node_modules is tens of thousands of files).
            Files.writeString(staging.resolve(SIZE), Long.toString(used), StandardCharsets.US_ASCII);
            delete(entry);
            Files.move(staging, entry, StandardCopyOption.ATOMIC_MOVE);
            evict();
        } catch (TooLarge e) {
            LOG.infof("setup cache: %s not kept (%s)", key, e.getMessage());
        } finally {
            delete(staging);
        }
    }

    private static final class TooLarge extends IOException {
        TooLarge(String message) {
            super(message);
        }
    }

    /**
     * Copies {@code from} into {@code to} without following links, skipping {@code skip} (paths relative to
     * {@code from}) and what already exists at the target; with {@code uid} ≥ 0 every copy is chowned to it.
     * Returns the bytes copied; throws {@link TooLarge} past {@code budget}.
     */
    private static long copyTree(Path from, Path to, Set<String> skip, int uid, long budget) throws IOException {
        AtomicLong bytes = new AtomicLong();
        Files.createDirectories(to);
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attrs) throws IOException {
                Path target = to.resolve(from.relativize(directory).toString());
                if (Files.isSymbolicLink(target) || Files.exists(target, LinkOption.NOFOLLOW_LINKS)
                        && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectory(target);
                    finish(directory, target, uid);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String relative = from.relativize(file).toString();
                Path target = to.resolve(relative);
                if (skip.contains(relative) || Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    return FileVisitResult.CONTINUE;
                }
                if (attrs.isSymbolicLink()) {
                    Files.createSymbolicLink(target, Files.readSymbolicLink(file));
                    if (uid >= 0) {
                        Files.setAttribute(target, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
                        Files.setAttribute(target, "unix:gid", uid, LinkOption.NOFOLLOW_LINKS);
                    }
                } else if (attrs.isRegularFile()) {
                    if (bytes.addAndGet(attrs.size()) > budget) {
                        throw new TooLarge("over " + budget / (1024 * 1024) + " MiB");
                    }
                    Files.copy(file, target, LinkOption.NOFOLLOW_LINKS);
                    finish(file, target, uid);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return bytes.get();
    }

    /** Plain permission bits only (no set-uid), and the slot's ownership when restoring. */
    private static void finish(Path source, Path target, int uid) throws IOException {
        Files.setPosixFilePermissions(target, Files.getPosixFilePermissions(source, LinkOption.NOFOLLOW_LINKS));
        if (uid >= 0) {
            Files.setAttribute(target, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(target, "unix:gid", uid, LinkOption.NOFOLLOW_LINKS);
        }
    }

    private void evict() throws IOException {
        List<Path> entries = new ArrayList<>();
        try (Stream<Path> list = Files.list(root)) {
            list.filter(p -> !p.getFileName().toString().contains(".staging-")).forEach(entries::add);
        }
        entries.sort(Comparator.comparing(SetupCache::modified).reversed());
        long total = 0;
        for (Path entry : entries) {
            total += size(entry);
            if (total > maxTotalBytes) {
                delete(entry);
            }
        }
    }

    private static FileTime modified(Path path) {
        try {
            return Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    /** An entry's recorded size; only without a readable record are its files walked and summed. */
    private static long size(Path entry) throws IOException {
        try {
            return Long.parseLong(Files.readString(entry.resolve(SIZE), StandardCharsets.US_ASCII).trim());
        } catch (IOException | NumberFormatException e) {
            try (Stream<Path> files = Files.walk(entry)) {
                return files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).mapToLong(p -> {
                    try {
                        return Files.size(p);
                    } catch (IOException gone) {
                        return 0;
                    }
                }).sum();
            }
        }
    }

    private static void delete(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
