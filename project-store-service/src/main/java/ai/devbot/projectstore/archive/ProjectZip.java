package ai.devbot.projectstore.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import ai.devbot.projectstore.edit.ProjectPaths;

/**
 * Writes a project as a zip straight to the output stream (entry by entry, nothing buffered
 * whole): every entry under one root folder, in path order, with one fixed timestamp, so the same
 * files always give the same bytes. Paths are confined again on the way out — a zip from here can
 * hold no {@code ..} and no absolute entry, whatever is stored.
 */
public final class ProjectZip {

    /** 1980-01-01T00:00:00Z, the zip format's epoch: the same for every entry and every export. */
    static final FileTime FIXED_TIME = FileTime.from(Instant.parse("1980-01-01T00:00:00Z"));
    private static final Pattern UNSAFE_ROOT = Pattern.compile("[^A-Za-z0-9._-]+");

    private ProjectZip() {
    }

    /** A folder name from a project title: {@code Habit Tracker!} → {@code habit-tracker}. */
    public static String rootFolder(String title) {
        String root = UNSAFE_ROOT.matcher(title == null ? "" : title.strip().toLowerCase()).replaceAll("-")
                .replaceAll("^[-.]+|[-.]+$", "");
        return root.isEmpty() ? "project" : root.length() > 64 ? root.substring(0, 64) : root;
    }

    /** Writes the files under the root folder named after {@code title} ({@link #rootFolder}). */
    public static void write(String title, Map<String, String> files, OutputStream out) throws IOException {
        write(title, files, Map.of(), out);
    }

    /** Text files and (imported) binary files together, in one path order. */
    public static void write(String title, Map<String, String> files, Map<String, byte[]> binaries, OutputStream out)
            throws IOException {
        String root = rootFolder(title);
        SortedMap<String, byte[]> ordered = new TreeMap<>(binaries);
        files.forEach((path, content) -> ordered.put(path, content.getBytes(StandardCharsets.UTF_8)));
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        zip.setLevel(6);
        for (var file : ordered.entrySet()) {
            ZipEntry entry = new ZipEntry(root + "/" + ProjectPaths.normalize(file.getKey()));
            entry.setLastModifiedTime(FIXED_TIME);
            entry.setCreationTime(FIXED_TIME);
            entry.setLastAccessTime(FIXED_TIME);
            zip.putNextEntry(entry);
            zip.write(file.getValue());
            zip.closeEntry();
        }
        zip.finish();
        zip.flush();
    }
}
