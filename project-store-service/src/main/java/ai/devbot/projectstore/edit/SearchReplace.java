package ai.devbot.projectstore.edit;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Finds where a SEARCH text is in a file and puts the REPLACE text there. Exact first; then, line
 * by line, tolerant of trailing whitespace, of a uniform indentation shift (the REPLACE text is
 * shifted the same way) and of CRLF line ends (kept as the file had them). Never fuzzier: a text
 * found in two places is refused as ambiguous, and a text not found is answered with the closest
 * lines the file has, so the model can copy them exactly.
 */
final class SearchReplace {

    /** The new content, or the reason (model-readable) there is none. */
    record Result(String content, String problem) {
    }

    private record Found(int line, int indentDelta, String indentPrefix) {
    }

    private SearchReplace() {
    }

    static Result apply(String content, String search, String replace) {
        boolean crlf = content.contains("\r\n");
        String text = content.replace("\r\n", "\n");
        String wanted = search.replace("\r\n", "\n");
        String replacement = replace.replace("\r\n", "\n");

        List<Integer> exact = occurrences(text, wanted);
        if (exact.size() == 1) {
            int at = exact.get(0);
            return done(text.substring(0, at) + replacement + text.substring(at + wanted.length()), crlf);
        }
        if (exact.size() > 1) {
            return ambiguous(exact.stream().map(at -> lineOf(text, at)).toList());
        }

        List<String> lines = List.of(text.split("\n", -1));
        List<String> searchLines = trimBlankEnds(List.of(wanted.split("\n", -1)));
        if (searchLines.isEmpty()) {
            return new Result(null, "the SEARCH text is only blank lines; copy the lines to change");
        }
        List<Found> found = new ArrayList<>();
        for (int start = 0; start + searchLines.size() <= lines.size(); start++) {
            Found match = matchAt(lines, start, searchLines);
            if (match != null) {
                found.add(match);
            }
        }
        if (found.size() > 1) {
            return ambiguous(found.stream().map(f -> f.line() + 1).toList());
        }
        if (found.isEmpty()) {
            return new Result(null, notFound(lines, searchLines));
        }
        Found match = found.get(0);
        List<String> result = new ArrayList<>(lines.subList(0, match.line()));
        for (String line : trimBlankEnds(List.of(replacement.split("\n", -1)))) {
            result.add(shift(line, match.indentDelta(), match.indentPrefix()));
        }
        result.addAll(lines.subList(match.line() + searchLines.size(), lines.size()));
        return done(String.join("\n", result), crlf);
    }

    /** The search lines at {@code start}, equal but for trailing whitespace and one indentation shift. */
    private static Found matchAt(List<String> lines, int start, List<String> searchLines) {
        Integer delta = null;
        String prefix = "";
        for (int j = 0; j < searchLines.size(); j++) {
            String have = lines.get(start + j).stripTrailing();
            String want = searchLines.get(j).stripTrailing();
            if (want.isEmpty() || have.isEmpty()) {
                if (!want.isEmpty() || !have.isEmpty()) {
                    return null;
                }
                continue;
            }
            if (!have.stripLeading().equals(want.stripLeading())) {
                return null;
            }
            int lineDelta = indent(have).length() - indent(want).length();
            if (delta == null) {
                delta = lineDelta;
                prefix = lineDelta > 0 ? indent(have).substring(0, lineDelta) : "";
            } else if (delta != lineDelta) {
                return null;
            }
        }
        return new Found(start, delta == null ? 0 : delta, prefix);
    }

    private static String shift(String line, int delta, String prefix) {
        if (line.isBlank() || delta == 0) {
            return line;
        }
        if (delta > 0) {
            return prefix + line;
        }
        int remove = Math.min(-delta, indent(line).length());
        return line.substring(remove);
    }

    private static String notFound(List<String> lines, List<String> searchLines) {
        int best = -1;
        double bestScore = 0;
        for (int start = 0; start < lines.size(); start++) {
            double score = 0;
            for (int j = 0; j < searchLines.size() && start + j < lines.size(); j++) {
                score += similarity(lines.get(start + j).strip(), searchLines.get(j).strip());
            }
            if (score > bestScore) {
                bestScore = score;
                best = start;
            }
        }
        String advice = "Copy the lines to change exactly as they are in the file, or write the whole file.";
        if (best < 0 || bestScore < 0.5) {
            return "the SEARCH text is not in the file, and nothing in it looks close. " + advice;
        }
        int end = Math.min(lines.size(), best + searchLines.size());
        var excerpt = new StringBuilder();
        for (int i = best; i < end; i++) {
            excerpt.append(i + 1).append("| ").append(lines.get(i)).append('\n');
        }
        return "the SEARCH text is not in the file (not even ignoring indentation and trailing spaces). "
                + "The closest lines are " + (best + 1) + "–" + end + ":\n```\n" + excerpt + "```\n" + advice;
    }

    /** Dice coefficient over character bigrams: 1 for equal lines, near 0 for unrelated ones. */
    private static double similarity(String a, String b) {
        if (a.equals(b)) {
            return a.isEmpty() ? 0.2 : 1;
        }
        if (a.length() < 2 || b.length() < 2) {
            return 0;
        }
        List<String> bigrams = new ArrayList<>();
        for (int i = 0; i < a.length() - 1; i++) {
            bigrams.add(a.substring(i, i + 2));
        }
        int common = 0;
        for (int i = 0; i < b.length() - 1; i++) {
            if (bigrams.remove(b.substring(i, i + 2))) {
                common++;
            }
        }
        return 2.0 * common / (a.length() - 1 + b.length() - 1);
    }

    private static Result ambiguous(List<Integer> lineNumbers) {
        return new Result(null, "the SEARCH text occurs " + lineNumbers.size() + " times (at lines "
                + lineNumbers.stream().map(String::valueOf).collect(Collectors.joining(", "))
                + "); include more of the surrounding lines so that it matches exactly one place");
    }

    private static List<Integer> occurrences(String text, String wanted) {
        List<Integer> found = new ArrayList<>();
        for (int at = text.indexOf(wanted); at >= 0; at = text.indexOf(wanted, at + Math.max(1, wanted.length()))) {
            found.add(at);
        }
        return found;
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static List<String> trimBlankEnds(List<String> lines) {
        int from = 0;
        int to = lines.size();
        while (from < to && lines.get(from).isBlank()) {
            from++;
        }
        while (to > from && lines.get(to - 1).isBlank()) {
            to--;
        }
        return lines.subList(from, to);
    }

    private static String indent(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return line.substring(0, i);
    }

    private static Result done(String text, boolean crlf) {
        return new Result(crlf ? text.replace("\n", "\r\n") : text, null);
    }
}
