package ai.devbot.projectstore.edit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Applies a batch of edits to a project's files, all or nothing: the edits work on a copy, in
 * order (later edits of a file see the earlier ones), and every edit that cannot apply is reported
 * — which one, which file, why — before anything is kept. Bounds: file size and file count.
 */
public final class EditBatch {

    public record Limits(long maxFileBytes, int maxFiles) {
        public static final Limits DEFAULT = new Limits(1024 * 1024, 2000);
    }

    /** The project's files after the batch, and which paths it created, changed and deleted. */
    public record Outcome(SortedMap<String, String> files, List<String> created, List<String> changed,
            List<String> deleted) {
    }

    private EditBatch() {
    }

    /** @throws EditRejectedException with every problem when any edit cannot apply */
    public static Outcome apply(Map<String, String> current, List<Edit> edits, Limits limits) {
        SortedMap<String, String> files = new TreeMap<>(current);
        List<String> problems = new ArrayList<>();
        if (edits == null || edits.isEmpty()) {
            throw new EditRejectedException(List.of("The batch has no edits."));
        }
        for (int i = 0; i < edits.size(); i++) {
            String problem = applyOne(files, edits.get(i), limits);
            if (problem != null) {
                Edit edit = edits.get(i);
                problems.add("Edit " + (i + 1) + " of " + edits.size() + " ("
                        + (edit == null || edit.path() == null ? "no path" : edit.path()) + "): " + problem);
            }
        }
        if (files.size() > limits.maxFiles()) {
            problems.add("The project would have " + files.size() + " files; at most " + limits.maxFiles()
                    + " are allowed.");
        }
        if (!problems.isEmpty()) {
            throw new EditRejectedException(problems);
        }
        var created = new TreeSet<String>();
        var changed = new TreeSet<String>();
        var deleted = new TreeSet<String>();
        files.forEach((path, content) -> {
            if (!current.containsKey(path)) {
                created.add(path);
            } else if (!current.get(path).equals(content)) {
                changed.add(path);
            }
        });
        current.keySet().stream().filter(path -> !files.containsKey(path)).forEach(deleted::add);
        return new Outcome(Collections.unmodifiableSortedMap(files), List.copyOf(created), List.copyOf(changed),
                List.copyOf(deleted));
    }

    private static String applyOne(SortedMap<String, String> files, Edit edit, Limits limits) {
        if (edit == null || edit.kind() == null) {
            return "the edit has no kind (replace, write or delete)";
        }
        String path;
        try {
            path = ProjectPaths.normalize(edit.path());
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        String existing = files.get(path);
        String next;
        switch (edit.kind()) {
            case delete -> {
                if (existing == null) {
                    return "there is no file " + path + " to delete";
                }
                files.remove(path);
                return null;
            }
            case write -> {
                if (edit.content() == null) {
                    return "a whole-file write needs the content";
                }
                next = edit.content();
            }
            case replace -> {
                String search = edit.search() == null ? "" : edit.search();
                String replace = edit.replace() == null ? "" : edit.replace();
                if (search.isBlank()) {
                    if (existing != null && !existing.isBlank()) {
                        return "an empty SEARCH creates a file, but " + path + " already exists ("
                                + existing.lines().count() + " lines); to change it, copy the lines to change into SEARCH";
                    }
                    next = replace;
                } else if (existing == null) {
                    return "there is no file " + path + "; to create it, leave SEARCH empty";
                } else {
                    SearchReplace.Result result = SearchReplace.apply(existing, search, replace);
                    if (result.problem() != null) {
                        return result.problem();
                    }
                    next = result.content();
                }
            }
            default -> throw new IllegalStateException();
        }
        long bytes = next.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > limits.maxFileBytes()) {
            return "the file would be " + bytes + " bytes; at most " + limits.maxFileBytes() + " are allowed";
        }
        if (existing == null) {
            String twin = caseTwin(files, path);
            if (twin != null) {
                return "the project already has " + twin + ", which differs only in case: on macOS and Windows the "
                        + "two would be one file; edit " + twin + " instead";
            }
        }
        files.put(path, next);
        return null;
    }

    private static String caseTwin(SortedMap<String, String> files, String path) {
        String folded = path.toLowerCase(Locale.ROOT);
        return files.keySet().stream().filter(other -> other.toLowerCase(Locale.ROOT).equals(folded)).findFirst()
                .orElse(null);
    }
}
