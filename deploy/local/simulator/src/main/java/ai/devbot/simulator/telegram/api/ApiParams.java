package ai.devbot.simulator.telegram.api;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * A Bot API method's parameters, whichever way they came (query string, form, JSON or multipart),
 * with Telegram's coercions: numbers and booleans may arrive as strings, objects such as
 * reply_markup as JSON-serialised strings.
 */
public final class ApiParams {

    private final Map<String, JsonNode> values;
    private final Map<String, UploadedFile> files;
    private final ObjectMapper json;

    public record UploadedFile(String fileName, String contentType, byte[] bytes) {
    }

    public ApiParams(Map<String, JsonNode> values, Map<String, UploadedFile> files, ObjectMapper json) {
        this.values = new HashMap<>(values);
        this.files = new HashMap<>(files);
        this.json = json;
    }

    public static ApiParams ofStrings(Map<String, String> strings, Map<String, UploadedFile> files, ObjectMapper json) {
        Map<String, JsonNode> values = new HashMap<>();
        strings.forEach((key, value) -> values.put(key, TextNode.valueOf(value)));
        return new ApiParams(values, files, json);
    }

    public Optional<String> string(String name) {
        JsonNode node = values.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        return Optional.of(node.isTextual() ? node.asText() : node.toString());
    }

    public String requiredString(String name) {
        return string(name).filter(s -> !s.isEmpty())
                .orElseThrow(() -> BotApiException.badRequest(name + " is empty"));
    }

    public Optional<Long> longValue(String name) {
        Optional<String> raw = string(name);
        if (raw.isEmpty() || raw.get().isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(raw.get().trim()));
        } catch (NumberFormatException e) {
            throw BotApiException.badRequest("invalid " + name + " specified");
        }
    }

    public long requiredLong(String name) {
        return longValue(name).orElseThrow(() -> BotApiException.badRequest(name + " is empty"));
    }

    public boolean bool(String name, boolean fallback) {
        return string(name).map(v -> v.equalsIgnoreCase("true") || v.equals("1")).orElse(fallback);
    }

    /** An object parameter, accepted as JSON or as a JSON-serialised string like Telegram does. */
    public Optional<JsonNode> object(String name) {
        JsonNode node = values.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (node.isTextual()) {
            try {
                return Optional.of(json.readTree(node.asText()));
            } catch (JsonProcessingException e) {
                throw BotApiException.badRequest("can't parse " + name + " JSON object");
            }
        }
        return Optional.of(node);
    }

    public Optional<UploadedFile> file(String name) {
        return Optional.ofNullable(files.get(name));
    }
}
