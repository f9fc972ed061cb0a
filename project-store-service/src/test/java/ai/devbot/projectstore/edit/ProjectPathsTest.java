package ai.devbot.projectstore.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProjectPathsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "src/app/main.py|src/app/main.py",
            "./src//app/./main.py|src/app/main.py",
            "  README.md  |README.md",
            "Makefile|Makefile",
            ".github/workflows/ci.yml|.github/workflows/ci.yml",
            "docs/ünïcode/файл.md|docs/ünïcode/файл.md",
            ".gitignore|.gitignore" })
    void ordinaryPathsAreNormalised(String raw, String expected) {
        assertEquals(expected, ProjectPaths.normalize(raw));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "../etc/passwd|'..'",
            "src/../../secret|'..'",
            "/etc/passwd|absolute",
            "~/.ssh/id_rsa|absolute",
            "C:/Windows/system32|drive letter",
            "c:evil|drive letter",
            "src\\..\\..\\evil|backslash",
            "\\\\server\\share|backslash",
            ".git/config|.git/",
            "src/.git/hooks/pre-commit|.git/",
            "vendor/.SVN/entries|.SVN/",
            "src/|folder",
            "./|names no file",
            "''|empty" })
    void hostilePathsAreRefusedWithTheReason(String raw, String reason) {
        var refused = assertThrows(IllegalArgumentException.class, () -> ProjectPaths.normalize(raw));
        assertTrue(refused.getMessage().contains(reason), refused.getMessage());
    }

    @org.junit.jupiter.api.Test
    void controlCharactersAndOverlongNamesAreRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ProjectPaths.normalize("a\u0000b.py")).getMessage()
                .contains("control character"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ProjectPaths.normalize("a\nb.py")).getMessage()
                .contains("control character"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ProjectPaths.normalize("x".repeat(256) + ".py"))
                .getMessage().contains("255 bytes"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ProjectPaths.normalize("é".repeat(128)))
                .getMessage().contains("255 bytes"), "bytes, not characters");
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ProjectPaths.normalize(("d".repeat(200) + "/").repeat(6) + "f.py")).getMessage().contains("1024 bytes"));
        assertEquals(("d".repeat(200) + "/").repeat(4) + "f.py", ProjectPaths.normalize(("d".repeat(200) + "/").repeat(4) + "f.py"));
    }
}
