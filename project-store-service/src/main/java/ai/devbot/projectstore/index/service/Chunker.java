package ai.devbot.projectstore.index.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits a file into chunks by its structure where that is cheap: blocks separated by blank lines,
 * and a new block at a top-level declaration; small neighbouring blocks are merged up to a target
 * size and a block over the maximum is cut at line boundaries. Token counts are estimated as one
 * per four characters (the same rule the LLM simulator uses).
 */
public final class Chunker {

    public record Chunk(int startLine, int endLine, String text, String hash, int tokens) {
    }

    static final int TARGET_TOKENS = 160;
    static final int MAX_TOKENS = 320;
    private static final Pattern DECLARATION = Pattern.compile(
            "^(def |class |async def |function |export |public |private |protected |fn |func |interface |type |struct |impl |@).*");

    private Chunker() {
    }

    public static int tokens(String text) {
        return (text.length() + 3) / 4;
    }

    public static List<Chunk> split(String content) {
        List<String> lines = content.lines().toList();
        List<int[]> blocks = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                if (start >= 0) {
                    blocks.add(new int[] { start, i - 1 });
                    start = -1;
                }
            } else if (start >= 0 && DECLARATION.matcher(line).matches()) {
                blocks.add(new int[] { start, i - 1 });
                start = i;
            } else if (start < 0) {
                start = i;
            }
        }
        if (start >= 0) {
            blocks.add(new int[] { start, lines.size() - 1 });
        }
        List<Chunk> chunks = new ArrayList<>();
        int from = -1;
        int to = -1;
        for (int[] block : blocks) {
            if (tokens(text(lines, block[0], block[1])) > MAX_TOKENS) {
                if (from >= 0) {
                    chunks.add(chunk(lines, from, to));
                    from = -1;
                }
                cutLong(lines, block[0], block[1], chunks);
                continue;
            }
            if (from >= 0 && tokens(text(lines, from, block[1])) > TARGET_TOKENS) {
                chunks.add(chunk(lines, from, to));
                from = -1;
            }
            if (from < 0) {
                from = block[0];
            }
            to = block[1];
        }
        if (from >= 0) {
            chunks.add(chunk(lines, from, to));
        }
        return chunks;
    }

    private static void cutLong(List<String> lines, int first, int last, List<Chunk> chunks) {
        int from = first;
        int size = 0;
        for (int i = first; i <= last; i++) {
            int lineTokens = tokens(lines.get(i)) + 1;
            if (size > 0 && size + lineTokens > MAX_TOKENS) {
                chunks.add(chunk(lines, from, i - 1));
                from = i;
                size = 0;
            }
            size += lineTokens;
        }
        chunks.add(chunk(lines, from, last));
    }

    private static Chunk chunk(List<String> lines, int from, int to) {
        String text = text(lines, from, to);
        return new Chunk(from + 1, to + 1, text, sha256(text), tokens(text));
    }

    private static String text(List<String> lines, int from, int to) {
        return String.join("\n", lines.subList(from, to + 1));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
