package ai.devbot.projectstore.edit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Paths written by models are data: normalised to {@code a/b/c.ext} and confined to the project.
 * Refused, each with a reason the model can act on: empty paths, NUL and control characters,
 * backslashes, absolute paths, drive letters, {@code ..} segments, VCS folders ({@code .git/} and
 * the like), names over 255 bytes, paths over 1,024 bytes.
 */
public final class ProjectPaths {

    public static final int MAX_NAME_BYTES = 255;
    public static final int MAX_PATH_BYTES = 1024;
    private static final Set<String> VCS = Set.of(".git", ".hg", ".svn", ".bzr");
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");

    private ProjectPaths() {
    }

    /** @throws IllegalArgumentException with the reason, when the path cannot be a project file */
    public static String normalize(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("the path is empty");
        }
        String path = raw.strip();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == 0 || Character.isISOControl(c)) {
                throw new IllegalArgumentException("the path contains a control character (code " + (int) c + ")");
            }
        }
        if (path.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("the path contains a backslash; separate folders with /");
        }
        if (DRIVE.matcher(path).matches()) {
            throw new IllegalArgumentException("the path starts with a drive letter; give a path inside the project");
        }
        if (path.startsWith("/") || path.startsWith("~")) {
            throw new IllegalArgumentException("the path is absolute; give a path relative to the project root");
        }
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                throw new IllegalArgumentException("the path contains '..'; paths stay inside the project");
            }
            if (VCS.contains(segment.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("the path is inside " + segment + "/, which the project does not manage");
            }
            if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
                throw new IllegalArgumentException("a name in the path is over " + MAX_NAME_BYTES + " bytes");
            }
            segments.add(segment);
        }
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("the path names no file");
        }
        if (path.endsWith("/")) {
            throw new IllegalArgumentException("the path ends with '/'; name a file, not a folder");
        }
        String normalized = String.join("/", segments);
        if (normalized.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            throw new IllegalArgumentException("the path is over " + MAX_PATH_BYTES + " bytes");
        }
        return normalized;
    }
}
