package ai.devbot.projectstore.imports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import ai.devbot.projectstore.edit.ProjectPaths;

/**
 * The rules every imported file passes, whatever it came in (a zip, a git tree): names checked like a
 * model-written path ({@link ProjectPaths}), folders that are never project sources skipped and counted, case
 * clashes and duplicates refused, bytes counted as they are read (declared sizes are never trusted), the file
 * count and total size bounded, UTF-8 text kept apart from binary files. Pure: one instance per import.
 */
public final class ImportedFiles {

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

    /** The whole import is refused: nothing of it is kept. */
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

    private final Limits limits;
    private final String what;
    private final String strippedFolder;
    private final SortedMap<String, String> texts = new TreeMap<>();
    private final SortedMap<String, byte[]> binaries = new TreeMap<>();
    private final List<Refusal> refused = new ArrayList<>();
    private final Map<String, int[]> skippedCounts = new LinkedHashMap<>();
    private final Map<String, String> byLowerCase = new HashMap<>();
    private long total;

    /**
     * @param what how refusals name the import ("the archive", "the repository")
     * @param strippedFolder the folder every entry name starts with, already left out of the names passed in
     */
    public ImportedFiles(Limits limits, String what, String strippedFolder) {
        this.limits = limits;
        this.what = what;
        this.strippedFolder = strippedFolder;
    }

    /**
     * The project path an entry becomes, or null when it is skipped or refused (then it is counted or listed).
     * Call {@link #add} with the returned path to read its bytes.
     *
     * @param entry the name as it came (refusals list it so), {@code name} without the stripped folder
     * @param notAFile null for a regular file, else why the entry cannot be one (a link, a device, a submodule…)
     */
    public String admit(String entry, String name, String notAFile) {
        String never = neverSource(name);
        if (never != null) {
            skippedCounts.computeIfAbsent(never, key -> new int[1])[0]++;
            return null;
        }
        if (notAFile != null) {
            refuse(entry, notAFile);
            return null;
        }
        String path;
        try {
            path = ProjectPaths.normalize(name);
        } catch (IllegalArgumentException e) {
            refuse(entry, e.getMessage());
            return null;
        }
        String clash = byLowerCase.putIfAbsent(path.toLowerCase(Locale.ROOT), path);
        if (clash != null) {
            refuse(entry, clash.equals(path) ? what + " holds it twice"
                    : "it differs from " + clash + " only in case, which Windows and macOS cannot keep apart");
            return null;
        }
        if (texts.size() + binaries.size() >= limits.maxFiles()) {
            throw new RefusedException(what + " has more than " + limits.maxFiles() + " project files; at most "
                    + limits.maxFiles() + " are imported");
        }
        return path;
    }

    /** Reads an admitted file, at most up to the limits whatever its header declares. */
    public void add(String path, InputStream in) throws IOException {
        long totalLeft = limits.maxTotalBytes() - total;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        long read = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            read += n;
            if (read > totalLeft) {
                throw new RefusedException(what + " expands to more than " + limits.maxTotalBytes() / (1024 * 1024)
                        + " MB unpacked; at most that is imported");
            }
            if (read > limits.maxFileBytes()) {
                refused.add(new Refusal(path, "it is over " + limits.maxFileBytes() / 1024 + " KB"));
                total += limits.maxFileBytes();
                return;
            }
            out.write(buffer, 0, n);
        }
        byte[] bytes = out.toByteArray();
        total += bytes.length;
        String text = utf8(bytes);
        if (text != null) {
            texts.put(path, text);
        } else {
            binaries.put(path, bytes);
        }
    }

    private void refuse(String name, String reason) {
        refused.add(new Refusal(shown(name), reason));
    }

    public Imported result() {
        List<Skipped> skipped = new ArrayList<>();
        skippedCounts.forEach((folder, count) -> skipped.add(new Skipped(folder, count[0], whyNever(folder))));
        return new Imported(texts, binaries, List.copyOf(refused), List.copyOf(skipped), strippedFolder);
    }

    /** Whether a top folder is one that would be skipped anyway (then it is not stripped). */
    static boolean neverSourceFolder(String folder) {
        return NEVER_SOURCES.containsKey(folder);
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
