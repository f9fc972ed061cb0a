package ai.devbot.simulator.telegram.botapi;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ai.devbot.simulator.telegram.api.BotApiException;
import ai.devbot.simulator.telegram.api.TelegramTypes.MessageEntity;

/**
 * Telegram's HTML parse mode: the supported tags become entities over the plain text, offsets and
 * lengths in UTF-16 code units; anything else is refused with Telegram's "can't parse entities"
 * errors, byte offsets counted in UTF-8 as Telegram reports them.
 */
public final class TelegramHtml {

    public record Parsed(String text, List<MessageEntity> entities) {
    }

    private static final Map<String, String> ENTITY_BY_TAG = Map.ofEntries(
            Map.entry("b", "bold"), Map.entry("strong", "bold"),
            Map.entry("i", "italic"), Map.entry("em", "italic"),
            Map.entry("u", "underline"), Map.entry("ins", "underline"),
            Map.entry("s", "strikethrough"), Map.entry("strike", "strikethrough"), Map.entry("del", "strikethrough"),
            Map.entry("tg-spoiler", "spoiler"), Map.entry("span", "spoiler"),
            Map.entry("a", "text_link"), Map.entry("code", "code"), Map.entry("pre", "pre"),
            Map.entry("blockquote", "blockquote"), Map.entry("tg-emoji", "custom_emoji"));

    private static final Map<String, String> NAMED_ENTITIES = Map.of("lt", "<", "gt", ">", "amp", "&", "quot", "\"");
    private static final Pattern ATTRIBUTE = Pattern.compile("([a-zA-Z-]+)\\s*=\\s*(\"([^\"]*)\"|'([^']*)'|([^\\s>]+))");

    private record Open(String tag, int textStart, String url, String language) {
    }

    private TelegramHtml() {
    }

    public static Parsed parse(String html) {
        StringBuilder text = new StringBuilder();
        List<MessageEntity> entities = new ArrayList<>();
        Deque<Open> open = new ArrayDeque<>();
        int i = 0;
        while (i < html.length()) {
            char c = html.charAt(i);
            if (c == '<') {
                int close = html.indexOf('>', i);
                if (close < 0) {
                    throw cantParse("Unclosed start tag at byte offset " + byteOffset(html, i));
                }
                String inside = html.substring(i + 1, close).trim();
                if (inside.startsWith("/")) {
                    String tag = inside.substring(1).trim().toLowerCase();
                    if (open.isEmpty()) {
                        throw cantParse("Unexpected end tag at byte offset " + byteOffset(html, i));
                    }
                    Open top = open.pop();
                    if (!top.tag().equals(tag) && !tag.isEmpty()) {
                        throw cantParse("Unmatched end tag at byte offset " + byteOffset(html, i)
                                + ", expected \"</" + top.tag() + ">\", found \"</" + tag + ">\"");
                    }
                    addEntity(entities, top, text.length());
                } else {
                    open.push(startTag(inside, text.length(), html, i));
                }
                i = close + 1;
            } else if (c == '&') {
                int semicolon = html.indexOf(';', i);
                String decoded = semicolon > i ? decodeEntity(html.substring(i + 1, semicolon)) : null;
                if (decoded == null) {
                    text.append('&');
                    i++;
                } else {
                    text.append(decoded);
                    i = semicolon + 1;
                }
            } else {
                text.append(c);
                i++;
            }
        }
        if (!open.isEmpty()) {
            throw cantParse("Can't find end tag corresponding to start tag \"" + open.peek().tag() + "\"");
        }
        entities.sort(Comparator.comparingInt(MessageEntity::offset));
        return new Parsed(text.toString(), entities);
    }

    private static Open startTag(String inside, int textStart, String html, int at) {
        String tag = inside.split("[\\s/]", 2)[0].toLowerCase();
        if (!ENTITY_BY_TAG.containsKey(tag)) {
            throw cantParse("Unsupported start tag \"" + tag + "\" at byte offset " + byteOffset(html, at));
        }
        String url = null;
        String language = null;
        Matcher attributes = ATTRIBUTE.matcher(inside.substring(tag.length()));
        while (attributes.find()) {
            String value = attributes.group(3) != null ? attributes.group(3)
                    : attributes.group(4) != null ? attributes.group(4) : attributes.group(5);
            switch (attributes.group(1).toLowerCase()) {
                case "href" -> url = value;
                case "class" -> language = value;
                default -> {
                }
            }
        }
        if (tag.equals("a") && (url == null || url.isBlank())) {
            throw cantParse("Can't find href attribute of tag \"a\" at byte offset " + byteOffset(html, at));
        }
        if (tag.equals("span") && !"tg-spoiler".equals(language)) {
            throw cantParse("Tag \"span\" must have class \"tg-spoiler\" at byte offset " + byteOffset(html, at));
        }
        if (tag.equals("code") && language != null && language.startsWith("language-")) {
            language = language.substring("language-".length());
        } else {
            language = null;
        }
        return new Open(tag, textStart, url, language);
    }

    private static void addEntity(List<MessageEntity> entities, Open open, int textEnd) {
        int length = textEnd - open.textStart();
        if (length == 0) {
            return;
        }
        entities.add(new MessageEntity(ENTITY_BY_TAG.get(open.tag()), open.textStart(), length, open.url(),
                open.language()));
    }

    private static String decodeEntity(String name) {
        if (NAMED_ENTITIES.containsKey(name)) {
            return NAMED_ENTITIES.get(name);
        }
        try {
            if (name.startsWith("#x") || name.startsWith("#X")) {
                return new String(Character.toChars(Integer.parseInt(name.substring(2), 16)));
            }
            if (name.startsWith("#")) {
                return new String(Character.toChars(Integer.parseInt(name.substring(1))));
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return null;
    }

    private static int byteOffset(String html, int charIndex) {
        return html.substring(0, charIndex).getBytes(StandardCharsets.UTF_8).length;
    }

    private static BotApiException cantParse(String detail) {
        return BotApiException.badRequest("can't parse entities: " + detail);
    }
}
