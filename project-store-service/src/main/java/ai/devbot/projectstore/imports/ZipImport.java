package ai.devbot.projectstore.imports;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.List;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * Reads an uploaded zip into project files, treating every entry as hostile: the central directory is read
 * first (so 100,000 entries are refused before anything is unpacked), every entry's bytes are counted as they
 * are inflated ({@link ImportedFiles}: declared sizes are never trusted, so a zip bomb stops at the limit),
 * links, devices and encrypted entries are refused, and every name passes the rules of {@link ImportedFiles}.
 * A folder every file shares ({@code my-app-main/…}) is stripped. Pure: bytes in, files out.
 */
public final class ZipImport {

    private static final int TYPE_MASK = 0170000;
    private static final int REGULAR = 0100000;
    private static final int DIRECTORY = 0040000;
    private static final int LINK = 0120000;

    private ZipImport() {
    }

    /** @throws ImportedFiles.RefusedException when the archive as a whole cannot be imported (the reason says why) */
    public static ImportedFiles.Imported read(byte[] archive, ImportedFiles.Limits limits) {
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(archive)).get()) {
            List<ZipArchiveEntry> entries = Collections.list(zip.getEntries());
            if (entries.size() > limits.maxEntries()) {
                throw new ImportedFiles.RefusedException("the archive has " + entries.size() + " entries; at most "
                        + limits.maxEntries() + " are read");
            }
            return read(zip, entries, limits);
        } catch (IOException | IllegalArgumentException e) {
            // Commons Compress answers a file that is not a zip (or a broken central directory) with these.
            throw new ImportedFiles.RefusedException("the file is not a readable zip archive");
        }
    }

    private static ImportedFiles.Imported read(ZipFile zip, List<ZipArchiveEntry> entries, ImportedFiles.Limits limits)
            throws IOException {
        List<ZipArchiveEntry> files = entries.stream().filter(entry -> !entry.isDirectory()
                && (entry.getUnixMode() & TYPE_MASK) != DIRECTORY).toList();
        String root = commonFolder(files);
        ImportedFiles imported = new ImportedFiles(limits, "the archive", root);
        for (ZipArchiveEntry entry : files) {
            String name = entry.getName();
            String relative = root == null ? name : name.substring(root.length() + 1);
            String path = imported.admit(name, relative, refusalOfKind(zip, entry));
            if (path != null) {
                try (InputStream in = zip.getInputStream(entry)) {
                    imported.add(path, in);
                }
            }
        }
        return imported.result();
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
        return root == null || ImportedFiles.neverSourceFolder(root) || root.equals("..") || root.equals(".") ? null
                : root;
    }
}
