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
 * invisible format characters (bidi overrides such as U+202E that make {@code evil\u202Etxt.sh} read as
 * {@code evilhs.txt}, zero-width spaces), backslashes, absolute paths, drive letters, {@code ..}
 * segments, VCS folders ({@code .git/} and the like), characters Windows forbids ({@code <>:"|?*}),
 * Windows' reserved device names ({@code CON}, {@code NUL}, {@code COM1}…, with any extension), names
 * ending in a dot or a space, names over 255 bytes, paths over 1,024 bytes. (Two paths differing only
 * in case are refused by {@link EditBatch}, which sees the whole project.) A project must unpack on
 * every system its user has.
 */
public final class ProjectPaths {

    public static final int MAX_NAME_BYTES = 255;
    public static final int MAX_PATH_BYTES = 1024;
    private static final Set<String> VCS = Set.of(".git", ".hg", ".svn", ".bzr");
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");
    private static final Pattern RESERVED = Pattern.compile("(?i)(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³])(\\..*)?");
    private static final String WINDOWS_FORBIDDEN = "<>:\"|?*";

    private ProjectPaths() {
    }

    /** @throws IllegalArgumentException with the reason, when the path cannot be a project file */
    public static String normalize(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("the path is empty");
        }
        String path = raw.strip();
        path.codePoints().forEach(ProjectPaths::checkCharacter);
        if (path.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("the path contains a backslash; separate folders with /");
        }
        if (DRIVE.matcher(path).matches()) {
            throw new IllegalArgumentException("the path starts with a drive letter; give a path inside the project");
        }
        if (path.startsWith("/") || path.startsWith("~")) {
            throw new IllegalArgumentException("the path is absolute; give a path relative to the project root");
        }
        for (char c : WINDOWS_FORBIDDEN.toCharArray()) {
            if (path.indexOf(c) >= 0) {
                throw new IllegalArgumentException("the path contains '" + c + "', which Windows does not allow in "
                        + "file names");
            }
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
            if (RESERVED.matcher(segment).matches()) {
                throw new IllegalArgumentException("'" + segment + "' is a reserved device name on Windows; choose "
                        + "another name");
            }
            if (segment.endsWith(".") || segment.endsWith(" ") || segment.startsWith(" ")) {
                throw new IllegalArgumentException("the name '" + segment + "' starts with a space or ends with a dot "
                        + "or a space, which Windows drops; remove it");
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

    private static void checkCharacter(int c) {
        if (c == 0 || Character.isISOControl(c)) {
            throw new IllegalArgumentException("the path contains a control character (code " + c + ")");
        }
        int type = Character.getType(c);
        if (type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.SURROGATE || type == Character.PRIVATE_USE || type == Character.UNASSIGNED) {
            throw new IllegalArgumentException(String.format("the path contains an invisible or unassigned character "
                    + "(U+%04X); use visible characters only", c));
        }
    }
}
