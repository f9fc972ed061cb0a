package ai.devbot.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import ai.devbot.gateway.ingress.BotCommand;
import ai.devbot.gateway.reply.BotReply;

/** The gateway's side of docs/contracts: it emits commands of the examples' shape and reads every reply example. */
class ContractsTest {

    static final Path CONTRACTS = Path.of("..", "docs", "contracts");
    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    static Stream<Path> commandExamples() throws IOException {
        return Files.list(CONTRACTS.resolve("bot-commands")).sorted();
    }

    static Stream<Path> replyExamples() throws IOException {
        return Files.list(CONTRACTS.resolve("bot-replies")).sorted();
    }

    @ParameterizedTest
    @MethodSource("commandExamples")
    void everyCommandTheGatewayPublishesHasTheShapeOfItsExample(Path example) throws IOException {
        JsonNode expected = JSON.readTree(example.toFile());
        JsonNode emitted = JSON.valueToTree(JSON.treeToValue(expected, BotCommand.class));
        assertEquals(fieldPaths(expected, ""), fieldPaths(emitted, ""), example.toString());
        assertEquals(expected.get("receivedAt").asText(), emitted.get("receivedAt").asText());
    }

    @ParameterizedTest
    @MethodSource("replyExamples")
    void everyReplyExampleIsReadAndValid(Path example) throws IOException {
        BotReply reply = JSON.readValue(example.toFile(), BotReply.class);
        assertNull(reply.invalidReason(), example.toString());
    }

    private static TreeSet<String> fieldPaths(JsonNode node, String prefix) {
        var paths = new TreeSet<String>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            paths.add(prefix + field.getKey());
            if (field.getValue().isObject()) {
                paths.addAll(fieldPaths(field.getValue(), prefix + field.getKey() + "."));
            }
        }
        return paths;
    }
}
