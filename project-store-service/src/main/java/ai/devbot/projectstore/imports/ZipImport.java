package ai.devbot.projectstore.imports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

import ai.devbot.projectstore.edit.ProjectPaths;

/**
 * Reads an uploaded zip into project files, treating every entry as hostile: the central directory is read
 * first (so 100,000 entries are refused before anything is unpacked), every entry's bytes are counted as they
 * are inflated (declared sizes are never trusted, so a zip bomb stops at the limit), links, devices and
 * encrypted entries are refused, and every name passes the same rules as a model-written path
 * ({@link ProjectPaths}). Refused entries are listed with their reason; folders that are never project
 * sources (version control, installed dependencies, caches, macOS metadata) are skipped and counted. A folder
 * every file shares ({@code my-app-main/…}) is stripped. Pure: bytes in, files out.
 */
public final class ZipImport {

    public record Limits(int maxEntries, int maxFiles, long maxFileBytes, long maxTotalBytes) {
        public static final Limits DEFAULT = new Limits(10_000, 2_000, 1024 * 1024, 50L * 1024 * 1024);
    }

    public record Refusal(String entry, String reason) {
    }

    /** Files under a folder that is never a project source: counted, not listed one by one. */
    public record Skipped(String folder, int files, String why) {
    }

    /** {@code texts} are UTF-8 files; {@code binaries} the rest (kept out of the code index). */
    public record Imported(SortedMap<String, String> texts, SortedMap<String, byte[]> binaries, List<Refusal> refused,
            List<Skipped> skipped, String strippedFolder) {

        public int fileCount() {
            return texts.size() + binaries.size();
        }
    }

    /** The whole archive is refused: nothing of it is kept. */
    public static final class RefusedException extends RuntimeException {
        public RefusedException(String reason) {
            super(reason);
        }
    }

    private static final Map<String, String> NEVER_SOURCES = Map.ofEntries(
            Map.entry(".git", "version-control data"), Map.entry(".hg", "version-control data"),
            Map.entry(".svn", "version-control data"), Map.entry(".bzr", "version-control data"),
            Map.entry("node_modules", "installed dependencies (the setup command installs them)"),
            Map.entry(".venv", "a Python virtual environment"), Map.entry("venv", "a Python virtual environment"),
            Map.entry("__pycache__", "compiled Python caches"), Map.entry(".pytest_cache", "test-runner caches"),
            Map.entry(".mypy_cache", "type-checker caches"), Map.entry(".tox", "test-runner environments"),
            Map.entry(".gradle", "build caches"), Map.entry("__MACOSX", "macOS archive metadata"));
    private static final Set<String> NEVER_FILES = Set.of(".ds_store", "thumbs.db", "desktop.ini");
    private static final int TYPE_MASK = 0170000;
    private static final int REGULAR = 0100000;
    private static final int DIRECTORY = 0040000;
    private static final int LINK = 0120000;

    private ZipImport() {
    }

    /** @throws RefusedException when the archive as a whole cannot be imported (the reason says why) */
    public static Imported read(byte[] archive, Limits limits) {
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(archive)).get()) {
            List<ZipArchiveEntry> entries = Collections.list(zip.getEntries());
            if (entries.size() > limits.maxEntries()) {
                throw new RefusedException("the archive has " + entries.size() + " entries; at most "
                        + limits.maxEntries() + " are read");
            }
            return read(zip, entries, limits);
        } catch (IOException | IllegalArgumentException e) {
            // Commons Compress answers a file that is not a zip (or a broken central directory) with these.
            throw new RefusedException("the file is not a readable zip archive");
        }
    }

    private static Imported read(ZipFile zip, List<ZipArchiveEntry> entries, Limits limits) throws IOException {
        List<ZipArchiveEntry> files = entries.stream().filter(entry -> !entry.isDirectory()
                && (entry.getUnixMode() & TYPE_MASK) != DIRECTORY).toList();
        String root = commonFolder(files);
        SortedMap<String, String> texts = new TreeMap<>();
        SortedMap<String, byte[]> binaries = new TreeMap<>();
        List<Refusal> refused = new ArrayList<>();
        Map<String, int[]> skippedCounts = new LinkedHashMap<>();
        Map<String, String> byLowerCase = new HashMap<>();
        long total = 0;
        for (ZipArchiveEntry entry : files) {
            String name = entry.getName();
            String relative = root == null ? name : name.substring(root.length() + 1);
            String never = neverSource(relative);
            if (never != null) {
                skippedCounts.computeIfAbsent(never, key -> new int[1])[0]++;
                continue;
            }
            String reason = refusalOfKind(zip, entry);
            String path = null;
            if (reason == null) {
                try {
                    path = ProjectPaths.normalize(relative);
                } catch (IllegalArgumentException e) {
                    reason = e.getMessage();
                }
            }
            if (reason == null) {
                String clash = byLowerCase.putIfAbsent(path.toLowerCase(Locale.ROOT), path);
                if (clash != null) {
                    reason = clash.equals(path) ? "the archive holds it twice"
                            : "it differs from " + clash + " only in case, which Windows and macOS cannot keep apart";
                }
            }
            if (reason != null) {
                refused.add(new Refusal(shown(name), reason));
                continue;
            }
            if (texts.size() + binaries.size() >= limits.maxFiles()) {
                throw new RefusedException("the archive has more than " + limits.maxFiles()
                        + " project files; at most " + limits.maxFiles() + " are imported");
            }
            byte[] bytes = inflated(zip, entry, limits, total);
            if (bytes == null) {
                refused.add(new Refusal(path, "it is over " + limits.maxFileBytes() / 1024 + " KB"));
                total += limits.maxFileBytes();
                continue;
            }
            total += bytes.length;
            String text = utf8(bytes);
            if (text != null) {
                texts.put(path, text);
            } else {
                binaries.put(path, bytes);
            }
        }
        List<Skipped> skipped = new ArrayList<>();
        skippedCounts.forEach((folder, count) -> skipped.add(new Skipped(folder, count[0], whyNever(folder))));
        return new Imported(texts, binaries, List.copyOf(refused), List.copyOf(skipped), root);
    }

    /** Links, devices, encrypted or unsupported entries; null for a regular file. */
    private static String refusalOfKind(ZipFile zip, ZipArchiveEntry entry) {
        int type = entry.getUnixMode() & TYPE_MASK;
        if (entry.isUnixSymlink() || type == LINK) {
            return "it is a symbolic link; links could point outside the project";
        }
        if (entry.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX && type != 0 && type != REGULAR) {
            return "it is a device, pipe or socket, not a file";
        }
        if (!zip.canReadEntryData(entry)) {
            return entry.getGeneralPurposeBit().usesEncryption() ? "it is encrypted"
                    : "it uses a compression method that cannot be read";
        }
        return null;
    }

    /**
     * The entry's bytes, inflated at most up to the limits whatever its header declares: null when it is over
     * {@code maxFileBytes}; the whole archive refused when it would take the total over its limit.
     */
    private static byte[] inflated(ZipFile zip, ZipArchiveEntry entry, Limits limits, long totalSoFar)
            throws IOException {
        long totalLeft = limits.maxTotalBytes() - totalSoFar;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        long read = 0;
        try (InputStream in = zip.getInputStream(entry)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                read += n;
                if (read > totalLeft) {
                    throw new RefusedException("the archive expands to more than "
                            + limits.maxTotalBytes() / (1024 * 1024) + " MB unpacked; at most that is imported");
                }
                if (read > limits.maxFileBytes()) {
                    return null;
                }
                out.write(buffer, 0, n);
            }
        }
        return out.toByteArray();
    }

    /** The first folder when every file lies under it ({@code app-main/…}), else null. */
    private static String commonFolder(List<ZipArchiveEntry> files) {
        String root = null;
        for (ZipArchiveEntry entry : files) {
            String name = entry.getName();
            int slash = name.indexOf('/');
            if (slash <= 0) {
                return null;
            }
            String first = name.substring(0, slash);
            if (root == null) {
                root = first;
            } else if (!root.equals(first)) {
                return null;
            }
        }
        return root == null || NEVER_SOURCES.containsKey(root) || root.equals("..") || root.equals(".") ? null : root;
    }

    /** The never-source folder (or file name) the path lies in, or null. */
    private static String neverSource(String path) {
        String[] segments = path.split("/");
        for (int i = 0; i < segments.length - 1; i++) {
            if (NEVER_SOURCES.containsKey(segments[i])) {
                return segments[i] + "/";
            }
        }
        String last = segments.length == 0 ? "" : segments[segments.length - 1];
        return NEVER_FILES.contains(last.toLowerCase(Locale.ROOT)) ? last : null;
    }

    private static String whyNever(String folderOrFile) {
        String folder = folderOrFile.endsWith("/") ? folderOrFile.substring(0, folderOrFile.length() - 1) : null;
        return folder != null ? NEVER_SOURCES.get(folder) : "operating-system metadata";
    }

    /** The text when the bytes are valid UTF-8 without NUL characters, else null (a binary file). */
    private static String utf8(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return null;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** An entry name as the user is shown it: control and invisible characters as code points, at most 200. */
    private static String shown(String name) {
        StringBuilder shown = new StringBuilder();
        name.codePoints().forEach(c -> {
            int type = Character.getType(c);
            if (Character.isISOControl(c) || type == Character.FORMAT || type == Character.UNASSIGNED
                    || type == Character.PRIVATE_USE || type == Character.SURROGATE) {
                shown.append(String.format("\\u%04X", c));
            } else {
                shown.appendCodePoint(c);
            }
        });
        return shown.length() > 200 ? shown.substring(0, 200) + "…" : shown.toString();
    }
}
