package ai.devbot.agent.edit;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads edits out of an implementer's answer: Aider-style SEARCH/REPLACE blocks, whole files in
 * fenced blocks after their path, and {@code DELETE path} lines — wherever they stand between the
 * model's prose, fenced or not. Anything it cannot read (a block cut off, a missing divider, a
 * block with no path) becomes a problem stated so that the model can fix it on a retry; nothing
 * half-read is returned as an edit.
 */
public final class EditParser {

    private static final Pattern SEARCH = Pattern.compile("^<{5,9} ?SEARCH\\s*$");
    private static final Pattern DIVIDER = Pattern.compile("^={5,9}\\s*$");
    private static final Pattern REPLACE = Pattern.compile("^>{5,9} ?REPLACE\\s*$");
    private static final Pattern FENCE = Pattern.compile("^\\s*(```+|~~~+)(.*)$");
    private static final Pattern DELETE = Pattern.compile("^DELETE\\s+(\\S.*)$");
    /** A plausible relative path: no spaces inside, a dot or a slash, no sentence punctuation at the end. */
    private static final Pattern PATH = Pattern.compile("^[\\w./@+-][\\w./@+ -]*[\\w@+-]$");

    private EditParser() {
    }

    public static ParsedEdits parse(String answer, boolean wholeFiles) {
        List<String> lines = answer == null ? List.of() : answer.lines().toList();
        List<Edit> edits = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> prose = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            var delete = DELETE.matcher(line.strip());
            if (delete.matches()) {
                edits.add(Edit.delete(cleanPath(delete.group(1))));
                i++;
            } else if (SEARCH.matcher(line.strip()).matches()) {
                dropPathLine(prose);
                i = searchReplace(lines, i, edits, problems);
            } else if (wholeFiles && isPath(line) && i + 1 < lines.size() && FENCE.matcher(lines.get(i + 1)).matches()) {
                i = wholeFile(lines, i, edits, problems);
            } else {
                prose.add(line);
                i++;
            }
        }
        if (edits.isEmpty() && problems.isEmpty()) {
            problems.add(wholeFiles
                    ? "The answer contains no file: write each file's path on its own line, then its whole content in a fenced block."
                    : "The answer contains no SEARCH/REPLACE block: write the path on its own line, then <<<<<<< SEARCH, the exact existing lines, =======, the new lines, >>>>>>> REPLACE.");
        }
        return new ParsedEdits(List.copyOf(edits), cleanProse(String.join("\n", prose)), List.copyOf(problems));
    }

    /** Parses the block whose SEARCH marker is at {@code start}; returns the index after it. */
    private static int searchReplace(List<String> lines, int start, List<Edit> edits, List<String> problems) {
        int number = edits.size() + problems.size() + 1;
        String path = pathBefore(lines, start);
        var search = new ArrayList<String>();
        var replace = new ArrayList<String>();
        int i = start + 1;
        while (i < lines.size() && !DIVIDER.matcher(lines.get(i).strip()).matches()) {
            if (SEARCH.matcher(lines.get(i).strip()).matches() || REPLACE.matcher(lines.get(i).strip()).matches()) {
                problems.add("Block " + number + (path == null ? "" : " (" + path + ")")
                        + ": the ======= line between SEARCH and REPLACE is missing.");
                return i;
            }
            search.add(lines.get(i++));
        }
        if (i >= lines.size()) {
            problems.add("Block " + number + (path == null ? "" : " (" + path + ")")
                    + ": the answer ends inside the SEARCH part — it was cut off; send the block again, complete.");
            return i;
        }
        i++;
        while (i < lines.size() && !REPLACE.matcher(lines.get(i).strip()).matches()) {
            if (SEARCH.matcher(lines.get(i).strip()).matches()) {
                break;
            }
            replace.add(lines.get(i++));
        }
        if (i >= lines.size() || !REPLACE.matcher(lines.get(i).strip()).matches()) {
            problems.add("Block " + number + (path == null ? "" : " (" + path + ")")
                    + ": no >>>>>>> REPLACE line ends it — the answer was cut off or the marker is missing.");
            return i;
        }
        if (path == null) {
            problems.add("Block " + number + ": no file path on the line before <<<<<<< SEARCH.");
            return i + 1;
        }
        edits.add(Edit.replace(path, joined(search), joined(replace)));
        return i + 1;
    }

    private static int wholeFile(List<String> lines, int start, List<Edit> edits, List<String> problems) {
        String path = cleanPath(lines.get(start));
        String fence = FENCE.matcher(lines.get(start + 1)).replaceFirst("$1").strip();
        var content = new ArrayList<String>();
        int i = start + 2;
        while (i < lines.size() && !lines.get(i).strip().equals(fence)) {
            content.add(lines.get(i++));
        }
        if (i >= lines.size()) {
            problems.add("File " + path + ": its fenced block never closes — the answer was cut off; send the whole file again.");
            return i;
        }
        edits.add(Edit.write(path, joined(content) + (content.isEmpty() ? "" : "\n")));
        return i + 1;
    }

    /** The path a SEARCH block belongs to: the nearest non-blank line above it, skipping a fence opener. */
    private static String pathBefore(List<String> lines, int searchLine) {
        for (int i = searchLine - 1; i >= 0 && i >= searchLine - 3; i--) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || FENCE.matcher(line).matches()) {
                continue;
            }
            String path = cleanPath(line);
            // Right above a block, a bare name (Makefile, Dockerfile) is a path too.
            return PATH.matcher(path).matches() && !path.contains(" ") ? path : null;
        }
        return null;
    }

    /** The block's path (and a fence opener) were read as prose before the SEARCH line showed what they were. */
    private static void dropPathLine(List<String> prose) {
        while (!prose.isEmpty() && (prose.get(prose.size() - 1).isBlank()
                || FENCE.matcher(prose.get(prose.size() - 1)).matches())) {
            prose.remove(prose.size() - 1);
        }
        String last = prose.isEmpty() ? "" : cleanPath(prose.get(prose.size() - 1));
        if (!last.isEmpty() && PATH.matcher(last).matches() && !last.contains(" ")) {
            prose.remove(prose.size() - 1);
        }
    }

    private static boolean isPath(String line) {
        String cleaned = cleanPath(line);
        return !cleaned.isEmpty() && PATH.matcher(cleaned).matches() && (cleaned.contains(".") || cleaned.contains("/"))
                && !cleaned.contains(" ");
    }

    /** Strips the decoration models put around paths: backticks, bold, headings, "File:", a colon. */
    static String cleanPath(String line) {
        String path = line.strip();
        path = path.replaceFirst("^#+\\s*", "").replaceFirst("(?i)^(file|path)\\s*:\\s*", "");
        path = path.replace("`", "").replace("**", "").strip();
        return path.endsWith(":") ? path.substring(0, path.length() - 1).strip() : path;
    }

    private static String joined(List<String> lines) {
        return String.join("\n", lines);
    }

    private static String cleanProse(String prose) {
        // Fences that only wrapped blocks leave empty pairs behind.
        return prose.replaceAll("(?m)^\\s*(```+|~~~+)\\w*\\s*$\\n?", "").replaceAll("\\n{3,}", "\n\n").strip();
    }
}
