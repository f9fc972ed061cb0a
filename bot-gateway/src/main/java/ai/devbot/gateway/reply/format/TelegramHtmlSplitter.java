package ai.devbot.gateway.reply.format;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * Splits rendered Telegram HTML into messages of at most {@code limit} visible characters
 * (UTF-16 units, as Telegram counts; tags are not counted, an entity counts once). A cut prefers a
 * paragraph break, then a line break, then a space; tags open at the cut are closed at the end of
 * one message and reopened at the start of the next, so a code block split in two stays a code
 * block in both and every message is well-formed on its own.
 */
public final class TelegramHtmlSplitter {

    private TelegramHtmlSplitter() {
    }

    public static List<String> split(String html, int limit) {
        List<String> messages = new ArrayList<>();
        String rest = html;
        while (!rest.isEmpty()) {
            int cut = findCut(rest, limit);
            if (cut < 0) {
                addIfVisible(messages, rest);
                break;
            }
            Deque<String> openTags = openTagsAt(rest, cut);
            var message = new StringBuilder(rest.substring(0, cut).stripTrailing());
            Iterator<String> open = openTags.descendingIterator();
            while (open.hasNext()) {
                message.append("</").append(tagName(open.next())).append('>');
            }
            addIfVisible(messages, message.toString());
            var next = new StringBuilder();
            openTags.forEach(next::append);
            next.append(stripLeadingBreaks(rest.substring(cut)));
            rest = next.toString();
        }
        return messages;
    }

    /** The visible text: tags removed, entities decoded — what Telegram shows, used when it refuses the HTML. */
    public static String plainText(String html) {
        var text = new StringBuilder(html.length());
        int i = 0;
        while (i < html.length()) {
            char c = html.charAt(i);
            if (c == '<') {
                int end = html.indexOf('>', i);
                i = end < 0 ? html.length() : end + 1;
            } else if (c == '&') {
                int end = html.indexOf(';', i);
                String entity = end < 0 ? "" : html.substring(i, end + 1);
                String decoded = switch (entity) {
                    case "&amp;" -> "&";
                    case "&lt;" -> "<";
                    case "&gt;" -> ">";
                    case "&quot;" -> "\"";
                    default -> null;
                };
                text.append(decoded == null ? "&" : decoded);
                i += decoded == null ? 1 : entity.length();
            } else {
                text.append(c);
                i++;
            }
        }
        return text.toString();
    }

    public static int visibleLength(String html) {
        return plainText(html).length();
    }

    /** Where to end the first message, or -1 when everything fits. */
    private static int findCut(String html, int limit) {
        int visible = 0;
        int paragraph = -1;
        int paragraphVisible = 0;
        int line = -1;
        int space = -1;
        int i = 0;
        while (i < html.length()) {
            char c = html.charAt(i);
            if (c == '<') {
                int end = html.indexOf('>', i);
                i = end < 0 ? html.length() : end + 1;
                continue;
            }
            int width = 1;
            int length = 1;
            if (c == '&') {
                int end = html.indexOf(';', i);
                length = end < 0 ? 1 : end - i + 1;
            } else if (Character.isHighSurrogate(c) && i + 1 < html.length()) {
                width = 2;
                length = 2;
            }
            if (visible + width > limit) {
                if (paragraph >= 0 && paragraphVisible >= limit / 4) {
                    return paragraph;
                }
                return line >= 0 ? line : space >= 0 ? space : i;
            }
            visible += width;
            i += length;
            if (c == '\n') {
                line = i;
                if (i >= 2 && html.charAt(i - 2) == '\n') {
                    paragraph = i;
                    paragraphVisible = visible;
                }
            } else if (c == ' ') {
                space = i;
            }
        }
        return -1;
    }

    /** The tags still open at {@code position}, outermost first, as they were written. */
    private static Deque<String> openTagsAt(String html, int position) {
        Deque<String> open = new ArrayDeque<>();
        int i = html.indexOf('<');
        while (i >= 0 && i < position) {
            int end = html.indexOf('>', i);
            String tag = html.substring(i, end < 0 ? html.length() : end + 1);
            if (tag.startsWith("</")) {
                open.pollLast();
            } else {
                open.addLast(tag);
            }
            i = html.indexOf('<', i + tag.length());
        }
        return open;
    }

    private static String stripLeadingBreaks(String html) {
        int i = 0;
        while (i < html.length() && html.charAt(i) == '\n') {
            i++;
        }
        return html.substring(i);
    }

    private static String tagName(String openTag) {
        int end = 1;
        while (end < openTag.length() && Character.isLetter(openTag.charAt(end))) {
            end++;
        }
        return openTag.substring(1, end);
    }

    private static void addIfVisible(List<String> messages, String html) {
        if (!plainText(html).isBlank()) {
            messages.add(html);
        }
    }
}
