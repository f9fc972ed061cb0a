package ai.devbot.sandbox.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SortedMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;

class ProjectArchiveTest {

    static final ProjectArchive.Limits LIMITS = new ProjectArchive.Limits(1024 * 1024, 100);

    static byte[] zip(String... namesAndContents) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                zip.putNextEntry(new ZipEntry(namesAndContents[i]));
                zip.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    static String refusal(byte[] zip) {
        return assertThrows(ArchiveRejectedException.class, () -> ProjectArchive.unpack(zip, LIMITS)).getMessage();
    }

    @Test
    void projectStoresLayoutUnpacksBelowTheRootFolder() throws Exception {
        SortedMap<String, byte[]> files = ProjectArchive.unpack(
                zip("habit-tracker/src/app.py", "print(1)\n", "habit-tracker/README.md", "# x\n"), LIMITS);
        assertEquals(java.util.List.of("README.md", "src/app.py"), java.util.List.copyOf(files.keySet()));
        assertArrayEquals("print(1)\n".getBytes(StandardCharsets.UTF_8), files.get("src/app.py"));
    }

    @Test
    void anEmptyProjectIsAnEmptyArchive() throws Exception {
        assertEquals(Map.of(), ProjectArchive.unpack(zip(), LIMITS));
    }

    @Test
    void pathsThatWouldEscapeAreRefused() throws Exception {
        assertTrue(refusal(zip("root/../../etc/passwd", "x")).contains("climbs out"));
        assertTrue(refusal(zip("root/a/../../b", "x")).contains("climbs out"));
        assertTrue(refusal(zip("/etc/passwd", "x")).contains("root folder"));
        assertTrue(refusal(zip("root//etc/passwd", "x")).contains("not a relative path"));
        assertTrue(refusal(zip("root/C:/Windows/x", "x")).contains("not a relative path"));
        assertTrue(refusal(zip("root/a\\..\\..\\b", "x")).contains("not a relative path"));
        assertTrue(refusal(zip("root/a\u0000b", "x")).contains("NUL"));
        assertTrue(refusal(zip("root/" + "a".repeat(300), "x")).contains("longer than"));
        assertTrue(refusal(zip("root/bad\nname", "x")).contains("control characters"));
        assertTrue(refusal(zip("top-level-file", "x")).contains("root folder"));
        assertTrue(refusal(zip("one/a", "x", "two/b", "y")).contains("more than one root folder"));
    }

    @Test
    void duplicatesAndFileFolderClashesAreRefused() throws Exception {
        assertTrue(refusal(zip("r/a", "1", "r/./a", "2")).contains("twice"));
        assertTrue(refusal(zip("r/a", "1", "r/a/b", "2")).contains("as a file and a folder"));
        assertTrue(refusal(zip("r/a/b", "1", "r/a", "2")).contains("as a file and a folder"));
    }

    @Test
    void sizeAndCountAreBoundedWhateverTheZipDeclares() throws Exception {
        String big = "x".repeat(600 * 1024);
        assertTrue(refusal(zip("r/a", big, "r/b", big)).contains("larger than"));
        String[] many = new String[202];
        for (int i = 0; i < 101; i++) {
            many[2 * i] = "r/f" + i;
            many[2 * i + 1] = "";
        }
        assertTrue(refusal(zip(many)).contains("more than 100 files"));
    }

    @Test
    void bytesThatAreNoZipAreRefused() {
        assertTrue(refusal("<html>not a zip</html>".getBytes(StandardCharsets.UTF_8)).contains("not a zip"));
    }
}
