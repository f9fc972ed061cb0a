package ai.devbot.projectstore.imports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;

/** Zips as users (and attackers) make them, read into project files. */
class ZipImportTest {

    private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D };

    @Test
    void aGithubStyleZipLosesItsTopFolderKeepsTextAndBinaryApartAndSkipsWhatIsNeverSource() throws IOException {
        byte[] zip = zip(out -> {
            dir(out, "tip-calc-main/");
            file(out, "tip-calc-main/README.md", "# Tip calculator\n");
            file(out, "tip-calc-main/src/tip.py", "def tip(x):\n    return x * 0.15\n");
            file(out, "tip-calc-main/assets/logo.png", PNG);
            file(out, "tip-calc-main/.git/HEAD", "ref: refs/heads/main\n");
            file(out, "tip-calc-main/.git/objects/ab/cdef", PNG);
            file(out, "tip-calc-main/web/node_modules/left-pad/index.js", "module.exports = 1;\n");
            file(out, "tip-calc-main/src/__pycache__/tip.cpython-311.pyc", PNG);
            file(out, "tip-calc-main/.DS_Store", PNG);
        });

        ImportedFiles.Imported imported = ZipImport.read(zip, ImportedFiles.Limits.DEFAULT);

        assertEquals("tip-calc-main", imported.strippedFolder());
        assertEquals(List.of("README.md", "src/tip.py"), List.copyOf(imported.texts().keySet()));
        assertEquals("def tip(x):\n    return x * 0.15\n", imported.texts().get("src/tip.py"));
        assertEquals(List.of("assets/logo.png"), List.copyOf(imported.binaries().keySet()));
        assertArrayEquals(PNG, imported.binaries().get("assets/logo.png"));
        assertEquals(List.of(), imported.refused());
        assertEquals(List.of(new ImportedFiles.Skipped(".git/", 2, "version-control data"),
                new ImportedFiles.Skipped("node_modules/", 1, "installed dependencies (the setup command installs them)"),
                new ImportedFiles.Skipped("__pycache__/", 1, "compiled Python caches"),
                new ImportedFiles.Skipped(".DS_Store", 1, "operating-system metadata")), imported.skipped());
    }

    @Test
    void hostileNamesAreRefusedOneByOneWithTheirReasonAndTheRestIsImported() throws IOException {
        byte[] zip = zip(out -> {
            file(out, "app.py", "print('hi')\n");
            file(out, "../../etc/cron.d/evil", "* * * * * root sh\n");
            file(out, "/etc/passwd", "root:x:0:0\n");
            file(out, "C:/Windows/win.ini", "[fonts]\n");
            file(out, "docs\\notes.txt", "notes\n");
            file(out, "..\\..\\evil.bat", "del *\n");
            file(out, "invoice\u202Etxt.sh", "rm -rf ~\n");
            file(out, "CON.txt", "con\n");
        });

        ImportedFiles.Imported imported = ZipImport.read(zip, ImportedFiles.Limits.DEFAULT);

        assertEquals(List.of("app.py", "docs/notes.txt"), List.copyOf(imported.texts().keySet()),
                "backslashes in a zip made on Windows separate folders");
        Map<String, String> reasons = reasons(imported);
        assertEquals("the path contains '..'; paths stay inside the project", reasons.get("../../etc/cron.d/evil"));
        assertEquals("the path is absolute; give a path relative to the project root", reasons.get("/etc/passwd"));
        assertEquals("the path starts with a drive letter; give a path inside the project",
                reasons.get("C:/Windows/win.ini"));
        assertEquals("the path contains '..'; paths stay inside the project", reasons.get("../../evil.bat"));
        assertTrue(reasons.get("invoice\\u202Etxt.sh").contains("U+202E"), "the bidi override is shown, not applied: "
                + reasons);
        assertTrue(reasons.get("CON.txt").contains("reserved device name"), reasons.toString());
        assertNull(imported.strippedFolder());
    }

    @Test
    void linksAndDevicesAreRefusedWhateverTheyPointAt() throws IOException {
        byte[] zip = zip(out -> {
            file(out, "app/main.py", "print('hi')\n");
            ZipArchiveEntry link = new ZipArchiveEntry("app/secrets");
            link.setUnixMode(0120777);
            out.putArchiveEntry(link);
            out.write("/etc/shadow".getBytes(StandardCharsets.UTF_8));
            out.closeArchiveEntry();
            ZipArchiveEntry device = new ZipArchiveEntry("app/tty");
            device.setUnixMode(0020644);
            out.putArchiveEntry(device);
            out.closeArchiveEntry();
        });

        ImportedFiles.Imported imported = ZipImport.read(zip, ImportedFiles.Limits.DEFAULT);

        assertEquals(List.of("main.py"), List.copyOf(imported.texts().keySet()), "the common folder app/ is stripped");
        Map<String, String> reasons = reasons(imported);
        assertEquals("it is a symbolic link; links could point outside the project", reasons.get("app/secrets"));
        assertEquals("it is a device, pipe or socket, not a file", reasons.get("app/tty"));
    }

    @Test
    void aZipBombIsRefusedAtTheUnpackedLimitWithoutUnpackingItAll() throws IOException {
        byte[] megabyteOfZeros = new byte[1_000_000];
        byte[] zip = zip(out -> {
            for (int i = 0; i < 200; i++) {
                file(out, "zeros/" + i + ".bin", megabyteOfZeros);
            }
        });
        assertTrue(zip.length < 1_000_000, "a tiny archive: " + zip.length + " bytes for 200 MB unpacked");

        ImportedFiles.RefusedException refused = assertThrows(ImportedFiles.RefusedException.class,
                () -> ZipImport.read(zip, ImportedFiles.Limits.DEFAULT));

        assertEquals("the archive expands to more than 50 MB unpacked; at most that is imported", refused.getMessage());
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedAloneAndTheCountLimitRefusesTheWholeArchive() throws IOException {
        ImportedFiles.Limits small = new ImportedFiles.Limits(100, 3, 1024, 1024 * 1024);
        byte[] oversized = zip(out -> {
            file(out, "big.txt", "x".repeat(2_000));
            file(out, "small.txt", "ok\n");
        });
        ImportedFiles.Imported imported = ZipImport.read(oversized, small);
        assertEquals(List.of("small.txt"), List.copyOf(imported.texts().keySet()));
        assertEquals("it is over 1 KB", reasons(imported).get("big.txt"));

        byte[] many = zip(out -> {
            for (int i = 0; i < 4; i++) {
                file(out, "f" + i + ".txt", "x\n");
            }
        });
        assertEquals("the archive has more than 3 project files; at most 3 are imported",
                assertThrows(ImportedFiles.RefusedException.class, () -> ZipImport.read(many, small)).getMessage());
    }

    @Test
    void aHundredThousandEntriesAreRefusedFromTheDirectoryAlone() throws IOException {
        byte[] zip = zip(out -> {
            for (int i = 0; i < 100_000; i++) {
                out.putArchiveEntry(new ZipArchiveEntry("d/" + i));
                out.closeArchiveEntry();
            }
        });

        assertEquals("the archive has 100000 entries; at most 10000 are read",
                assertThrows(ImportedFiles.RefusedException.class, () -> ZipImport.read(zip, ImportedFiles.Limits.DEFAULT))
                        .getMessage());
    }

    @Test
    void aFileThatIsNotAZipIsRefusedAsSuch() {
        for (byte[] notZip : List.of("just some text named project.zip".getBytes(StandardCharsets.UTF_8), PNG,
                new byte[0], new byte[] { 'P', 'K', 3, 4, 1, 2 })) {
            assertEquals("the file is not a readable zip archive", assertThrows(ImportedFiles.RefusedException.class,
                    () -> ZipImport.read(notZip, ImportedFiles.Limits.DEFAULT)).getMessage());
        }
    }

    @Test
    void namesThatClashOnACaseInsensitiveDiskOrRepeatAreRefused() throws IOException {
        byte[] zip = zip(out -> {
            file(out, "README.md", "one\n");
            file(out, "readme.md", "two\n");
            file(out, "src/a.py", "a\n");
            file(out, "src/./a.py", "again\n");
        });

        ImportedFiles.Imported imported = ZipImport.read(zip, ImportedFiles.Limits.DEFAULT);

        assertEquals(List.of("README.md", "src/a.py"), List.copyOf(imported.texts().keySet()));
        assertEquals("a\n", imported.texts().get("src/a.py"), "the first one stays");
        Map<String, String> reasons = reasons(imported);
        assertTrue(reasons.get("readme.md").contains("only in case"), reasons.toString());
        assertEquals("the archive holds it twice", reasons.get("src/./a.py"));
    }

    private static Map<String, String> reasons(ImportedFiles.Imported imported) {
        return imported.refused().stream().collect(java.util.stream.Collectors.toMap(ImportedFiles.Refusal::entry,
                ImportedFiles.Refusal::reason));
    }

    private interface Writer {
        void write(ZipArchiveOutputStream zip) throws IOException;
    }

    private static byte[] zip(Writer writer) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            writer.write(zip);
        }
        return bytes.toByteArray();
    }

    private static void dir(ZipArchiveOutputStream zip, String name) throws IOException {
        zip.putArchiveEntry(new ZipArchiveEntry(name));
        zip.closeArchiveEntry();
    }

    private static void file(ZipArchiveOutputStream zip, String name, String text) throws IOException {
        file(zip, name, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void file(ZipArchiveOutputStream zip, String name, byte[] content) throws IOException {
        zip.putArchiveEntry(new ZipArchiveEntry(name));
        zip.write(content);
        zip.closeArchiveEntry();
    }
}
