package ai.devbot.projectstore.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;

class ProjectZipTest {

    static byte[] zip(String title, Map<String, String> files) throws IOException {
        var out = new ByteArrayOutputStream();
        ProjectZip.write(title, files, out);
        return out.toByteArray();
    }

    static Map<String, String> entries(byte[] zip) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }

    @Test
    void theSameProjectGivesTheSameBytesWhateverTheOrderAndTheTime() throws Exception {
        Map<String, String> one = new LinkedHashMap<>();
        one.put("src/b.py", "b\n");
        one.put("README.md", "# Word counter\n");
        one.put("src/a.py", "a\n");
        Map<String, String> other = new HashMap<>();
        other.put("src/a.py", "a\n");
        other.put("README.md", "# Word counter\n");
        other.put("src/b.py", "b\n");
        byte[] first = zip("Word Counter", one);
        assertArrayEquals(first, zip("Word Counter", other));
        // The time: every entry carries the one fixed timestamp, so a zip made at any other moment is the same
        // (asserted directly — zip times have a 2-second grain, so comparing two zips made a second apart
        // would catch a clock-dependent timestamp only half the time).
        try (var in = new ZipInputStream(new ByteArrayInputStream(first))) {
            int entries = 0;
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry(), entries++) {
                assertEquals(ProjectZip.FIXED_TIME.toInstant(), entry.getLastModifiedTime().toInstant(), entry.getName());
            }
            assertEquals(3, entries);
        }
    }

    @Test
    void entriesSitUnderOneRootFolderInPathOrder() throws Exception {
        var entries = entries(zip("Habit Tracker!", Map.of("src/app.py", "x = 1\n", "README.md", "hi\n")));
        assertEquals(List.of("habit-tracker/README.md", "habit-tracker/src/app.py"), new ArrayList<>(entries.keySet()));
        assertEquals("x = 1\n", entries.get("habit-tracker/src/app.py"));
    }

    @Test
    void aStoredPathThatEscapesIsNeverWrittenAndTheRootCannotEscapeEither() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> zip("p", Map.of("../../evil.sh", "x")));
        assertThrows(IllegalArgumentException.class, () -> zip("p", Map.of("/etc/passwd", "x")));
        assertEquals("etc-passwd", ProjectZip.rootFolder("../../etc/passwd"));
        assertEquals("project", ProjectZip.rootFolder("../.."));
    }
}
