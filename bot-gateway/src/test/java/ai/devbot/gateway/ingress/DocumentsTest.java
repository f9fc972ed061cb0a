package ai.devbot.gateway.ingress;

import static ai.devbot.gateway.GatewayHarness.COMMANDS;
import static ai.devbot.gateway.GatewayHarness.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import ai.devbot.gateway.GatewayHarness;
import ai.devbot.gateway.reply.ArchiveServerResource;
import ai.devbot.testsupport.SimulatorResource;
import ai.devbot.testsupport.TelegramSimulator;
import ai.devbot.testsupport.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A file a user sends, through the simulated Telegram (getFile and the file URL) into the project-store stand-in:
 * a zip arrives as an upload and its command carries the upload; what is not a zip or is too large is refused
 * with the reason and nothing is uploaded — however small the message says the file is.
 */
@QuarkusTest
@QuarkusTestResource(SimulatorResource.class)
@QuarkusTestResource(ArchiveServerResource.class)
class DocumentsTest {

    static TopicReader commands;

    @BeforeAll
    static void readCommands() {
        commands = new TopicReader(GatewayHarness.kafka(), COMMANDS);
    }

    @BeforeEach
    void updatesComeByWebhook() {
        GatewayHarness.registerWebhook();
    }

    @AfterAll
    static void close() {
        commands.close();
    }

    @Test
    void aZipIsFetchedFromTelegramIntoAnUploadAndItsCommandCarriesTheUpload() {
        TelegramSimulator telegram = GatewayHarness.simulator();
        long user = GatewayHarness.freshUser();
        byte[] zip = bytes(40_000);

        telegram.sendDocument(user, "habits-main.zip", "application/zip", zip, "/import", null);

        JsonNode command = published(user);
        assertEquals("DOCUMENT", command.get("kind").asText());
        assertEquals("/import", command.get("text").asText());
        JsonNode document = command.get("document");
        assertEquals(zip.length, document.get("bytes").asLong());
        ArchiveServerResource.ReceivedUpload upload = ArchiveServerResource.UPLOADS.stream()
                .filter(received -> received.id().equals(document.get("uploadId").asText())).findFirst().orElseThrow();
        assertArrayEquals(zip, upload.bytes());
        assertTrue(upload.query().contains("ownerId=" + user), upload.query());
        assertTrue(upload.query().contains("uploadKey=" + command.get("commandId").asText()), upload.query());
        assertFalse(command.toString().contains("file_id") || command.toString().contains("BQACAgIAAxkBAAJ"),
                "no Telegram file id on Kafka: " + command);
    }

    @Test
    void whatIsNotAZipIsRefusedWithoutBeingFetched() {
        TelegramSimulator telegram = GatewayHarness.simulator();
        long user = GatewayHarness.freshUser();
        int before = ArchiveServerResource.UPLOADS.size();

        telegram.sendDocument(user, "notes.pdf", "application/pdf", bytes(500), null, null);

        JsonNode document = published(user).get("document");
        assertEquals("only .zip archives are imported", document.get("refusal").asText());
        assertFalse(document.has("uploadId"));
        assertEquals(before, ArchiveServerResource.UPLOADS.size());
    }

    @Test
    void aFileLargerThanTheLimitIsRefusedWhateverItsMessageDeclared() {
        TelegramSimulator telegram = GatewayHarness.simulator();
        long user = GatewayHarness.freshUser();
        int before = ArchiveServerResource.UPLOADS.size();

        // Telegram serves it (under 20 MB), but it is over the 1 MB the tests allow: the count stops the download.
        telegram.sendDocument(user, "lying.zip", "application/zip", bytes(2 * 1024 * 1024), null, 1_000L);
        // Over Telegram's own 20 MB for bots: getFile refuses it.
        telegram.sendDocument(user, "huge.zip", "application/zip", new byte[21 * 1024 * 1024], null, 1_000L);
        // Declared over the limit: not even asked for.
        telegram.sendDocument(user, "declared.zip", "application/zip", bytes(100), null, 5L * 1024 * 1024);

        List<JsonNode> refused = commands.await(r -> r.key().equals(Long.toString(user)), 3, Duration.ofSeconds(60))
                .stream().map(r -> json(r.value()).get("document")).toList();
        for (JsonNode document : refused) {
            assertEquals("the file is over 1 MB, the most I take", document.get("refusal").asText(), document.toString());
        }
        assertEquals(before, ArchiveServerResource.UPLOADS.size(), "nothing was uploaded");
    }

    private static JsonNode published(long user) {
        return json(commands.await(r -> r.key().equals(Long.toString(user)), 1, Duration.ofSeconds(30)).get(0).value());
    }

    private static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
