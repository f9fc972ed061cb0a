package ai.devbot.sandbox.archive;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Reads a project-store archive (a zip with every file under one root folder) into relative paths and bytes.
 * The archive is data from outside: entries that would land outside the project ({@code ..}, absolute paths,
 * drive letters, backslashes, NUL bytes, over-long names), duplicates, and archives over the size or count
 * limits (also when the zip lies about sizes) are refused with a reason. Links cannot be expressed: every
 * entry becomes a plain file.
 */
public final class ProjectArchive {

    public record Limits(long maxUnpackedBytes, int maxFiles) {
    }

    private static final int MAX_PATH = 512;
    private static final int MAX_SEGMENT = 255;

    private ProjectArchive() {
    }

    public static SortedMap<String, byte[]> unpack(byte[] zip, Limits limits) throws ArchiveRejectedException {
        SortedMap<String, byte[]> files = new TreeMap<>();
        String root = null;
        long total = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                String name = entry.getName();
                int slash = name.indexOf('/');
                if (slash <= 0) {
                    throw new ArchiveRejectedException("entry '" + printable(name) + "' is not under the archive's root folder");
                }
                String top = name.substring(0, slash);
                if (root == null) {
                    root = top;
                } else if (!root.equals(top)) {
                    throw new ArchiveRejectedException("the archive has more than one root folder ('" + printable(root)
                            + "', '" + printable(top) + "')");
                }
                String path = confine(name.substring(slash + 1));
                if (entry.isDirectory() || path.isEmpty()) {
                    continue;
                }
                if (files.size() >= limits.maxFiles()) {
                    throw new ArchiveRejectedException("the project has more than " + limits.maxFiles() + " files");
                }
                byte[] content = readBounded(in, limits.maxUnpackedBytes() - total);
                if (content == null) {
                    throw new ArchiveRejectedException("the project is larger than " + limits.maxUnpackedBytes() / (1024 * 1024)
                            + " MiB unpacked");
                }
                total += content.length;
                if (files.put(path, content) != null || clashesWithFolder(files, path)) {
                    throw new ArchiveRejectedException("the archive holds '" + path + "' twice, or as a file and a folder");
                }
            }
        } catch (ZipException e) {
            throw new ArchiveRejectedException("the project archive is not a valid zip: " + e.getMessage());
        } catch (IOException e) {
            throw new ArchiveRejectedException("the project archive could not be read: " + e.getMessage());
        }
        if (root == null && !looksLikeZip(zip)) {
            throw new ArchiveRejectedException("the project archive is not a zip");
        }
        return files;
    }

    /** A relative, normalised path inside the project, or a refusal saying what is wrong with it. */
    static String confine(String path) throws ArchiveRejectedException {
        if (path.indexOf('\0') >= 0) {
            throw new ArchiveRejectedException("a file name holds a NUL byte");
        }
        if (path.length() > MAX_PATH) {
            throw new ArchiveRejectedException("a file name is longer than " + MAX_PATH + " characters");
        }
        if (path.startsWith("/") || path.contains("\\") || path.matches("(?i)^[a-z]:.*")) {
            throw new ArchiveRejectedException("'" + printable(path) + "' is not a relative path inside the project");
        }
        StringBuilder out = new StringBuilder();
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                throw new ArchiveRejectedException("'" + printable(path) + "' climbs out of the project");
            }
            if (segment.length() > MAX_SEGMENT) {
                throw new ArchiveRejectedException("a file name part is longer than " + MAX_SEGMENT + " characters");
            }
            if (segment.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw new ArchiveRejectedException("'" + printable(path) + "' holds control characters");
            }
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(segment);
        }
        return out.toString();
    }

    private static boolean clashesWithFolder(SortedMap<String, byte[]> files, String path) {
        // 'a' as a file and 'a/b' as another: one of them cannot be written.
        String folder = path + "/";
        String next = files.tailMap(folder).isEmpty() ? null : files.tailMap(folder).firstKey();
        if (next != null && next.startsWith(folder)) {
            return true;
        }
        for (int i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1)) {
            if (files.containsKey(path.substring(0, i))) {
                return true;
            }
        }
        return false;
    }

    /** At most {@code budget} bytes of the entry; null when it has more (the zip's declared size is not trusted). */
    private static byte[] readBounded(ZipInputStream in, long budget) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long read = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            read += n;
            if (read > budget) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static boolean looksLikeZip(byte[] bytes) {
        // An empty zip is just its end-of-central-directory record.
        return bytes.length >= 22 && bytes[0] == 'P' && bytes[1] == 'K';
    }

    private static String printable(String s) {
        String shown = s.length() > 80 ? s.substring(0, 80) + "…" : s;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
