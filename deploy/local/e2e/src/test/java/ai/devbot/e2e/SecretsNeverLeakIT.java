package ai.devbot.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import ai.devbot.testsupport.TopicReader;

/**
 * One secrets check across the whole stack. First the run goes wrong in the ways that put secrets at
 * risk — a refused provider key, a moderation refusal, wrong webhook and operator secrets, Telegram
 * frozen (Bot API calls time out) and then gone (connections refused) — then every known secret (bot
 * token and its secret half, webhook secret, invoice signing key, operator/service/database passwords,
 * LLM keys) is searched in every service's log, every Kafka record (payload and headers) of every topic,
 * every stored row and Redis value, everything the bot sent to Telegram, and every operator, health and
 * metrics answer. Runs after {@link EndToEndIT} (failsafe runs IT classes alphabetically here), so it also
 * searches all that suite left behind (the logs from where they stood when the suite began: lines of
 * earlier runs on this checkout are not this build's).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecretsNeverLeakIT {

    static final String KAFKA = "127.0.0.1:59092";
    static final List<String> SERVICES = List.of("bot-gateway", "orchestrator-service", "agent-service",
            "billing-service", "project-store-service", "sandbox-service");
    /** What the bot sent to Telegram, gathered before the simulator (Telegram) is restarted and forgets it. */
    static final StringBuilder SENT_TO_TELEGRAM = new StringBuilder();
    static Chat chat;

    @BeforeAll
    static void theWholePlatformRuns() {
        LocalStack.ensureUp();
    }

    /** name → value of every secret the stack holds: devbot's generated ones and the simulated LLM keys. */
    static Map<String, String> secrets() throws IOException {
        Map<String, String> secrets = new LinkedHashMap<>();
        for (String line : Files.readAllLines(LocalStack.root().resolve(".devbot/devbot.env"))) {
            int equals = line.indexOf('=');
            if (equals > 0 && !line.startsWith("#")) {
                secrets.put(line.substring(0, equals), line.substring(equals + 1).strip());
            }
        }
        String token = secrets.get("SIMULATOR_BOT_TOKEN");
        secrets.put("the bot token's secret half", token.substring(token.indexOf(':') + 1));
        for (String key : List.of("sim-gemini-key-1", "sim-gemini-key-2", "sim-openrouter-key-1", "sim-openrouter-key-2")) {
            secrets.put("LLM key " + key, key);
        }
        assertTrue(secrets.keySet().containsAll(List.of("DEVBOT_OPERATOR_PASSWORD", "DEVBOT_SERVICE_PASSWORD",
                "TELEGRAM_WEBHOOK_SECRET", "STARS_PAYLOAD_SIGNING_KEY", "BILLING_DB_PASSWORD", "PROJECT_STORE_DB_PASSWORD",
                "SANDBOX_DB_PASSWORD")), secrets.keySet().toString());
        return secrets;
    }

    @Test
    @Order(1)
    void theRunGoesWrongWhereSecretsAreAtRisk() throws Exception {
        chat = Chat.newUser();
        chat.send("/start").awaitMessage("Welcome", 30);
        // A refused key (the call moves to the other key) and a refused request.
        Platform.script("""
                rules:
                  - name: revoked-key
                    match: { operation: plan }
                    times: 1
                    respond: { fault: invalid-key }
                  - name: moderation
                    match: { operation: implement, promptContains: "Kiwi" }
                    respond: { fault: moderation }
                """);
        chat.send("/newproject A Kiwi bird counter CLI").awaitMessage("plan ready", EndToEndIT.MODEL_WORK);
        chat.send("/implement").awaitMessage("moderation flagged", EndToEndIT.MODEL_WORK);
        Platform.clearScripts();

        // Wrong secrets at every door.
        given().contentType("application/json").header("X-Telegram-Bot-Api-Secret-Token", "not-the-secret")
                .body("{\"update_id\": 1}").post("http://127.0.0.1:8081/telegram/webhook").then().statusCode(401);
        for (String base : List.of("http://127.0.0.1:8081", LocalStack.ORCHESTRATOR, LocalStack.AGENT, LocalStack.BILLING,
                LocalStack.PROJECT_STORE, LocalStack.SANDBOX)) {
            given().auth().preemptive().basic("operator", "wrong-" + UUID.randomUUID()).get(base + "/api/admin/x").then()
                    .statusCode(401);
        }

        SENT_TO_TELEGRAM.append(given().get(LocalStack.SIMULATOR + "/sim/telegram/actions").then().statusCode(200)
                .extract().asString());
        // Telegram frozen: the gateway's Bot API calls time out (10 s each) while replies wait.
        long simulator = LocalStack.pidOf("devbot-simulator");
        long gatewayLogBefore = Files.size(log("bot-gateway"));
        LocalStack.signal(simulator, "-STOP");
        try {
            reply("frozen");
            awaitInLog("bot-gateway", gatewayLogBefore, "no answer from the Bot API", 60);
        } finally {
            LocalStack.signal(simulator, "-CONT");
        }
        // Telegram gone: connections are refused until the reply runs out of attempts and is dead-lettered.
        SENT_TO_TELEGRAM.append(given().get(LocalStack.SIMULATOR + "/sim/telegram/actions").then().statusCode(200)
                .extract().asString());
        try (TopicReader deadLetters = new TopicReader(KAFKA, "bot-replies-dlq")) {
            LocalStack.stop("devbot-simulator");
            try {
                reply("gone");
                ConsumerRecord<String, String> parked = deadLetters.await(
                        r -> r.value().contains("secrets-gone-" + chat.userId), 1, Duration.ofSeconds(120)).get(0);
                StringBuilder headers = new StringBuilder();
                parked.headers().forEach(h -> headers.append(new String(h.value(), StandardCharsets.UTF_8)).append('\n'));
                assertTrue(headers.toString().contains("no answer from the Bot API"), headers.toString());
            } finally {
                LocalStack.restartStopped();
            }
        }
    }

    /** A reply for the chat, straight onto bot-replies, as the orchestrator would publish it. */
    static void reply(String id) {
        TopicReader.send(KAFKA, "bot-replies", Long.toString(chat.userId), """
                {"replyId":"secrets-%s-%d/1","chatId":%d,"kind":"MESSAGE","text":"Still there?"}"""
                .formatted(id, chat.userId, chat.userId));
    }

    static Path log(String service) {
        return LocalStack.root().resolve(".devbot/logs/" + service + ".log");
    }

    static void awaitInLog(String service, long from, String text, int seconds) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (System.nanoTime() < deadline) {
            byte[] all = Files.readAllBytes(log(service));
            if (new String(all, (int) Math.min(from, all.length), (int) (all.length - Math.min(from, all.length)),
                    StandardCharsets.UTF_8).contains(text)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(service + " did not log '" + text + "' within " + seconds + " s: the failure this "
                + "test needs did not happen");
    }

    @Test
    @Order(2)
    void noSecretIsInAnyLogTopicRowReplyOrOperatorAnswer() throws Exception {
        Map<String, String> sinks = new LinkedHashMap<>();
        for (String service : SERVICES) {
            sinks.put(service + "'s log", LocalStack.logSinceSuiteStart(service));
        }
        sinks.putAll(everyKafkaRecord());
        sinks.put("the stored rows and Redis values (devbot data-dump)", LocalStack.dataDump());
        SENT_TO_TELEGRAM.append(given().get(LocalStack.SIMULATOR + "/sim/telegram/actions").then().statusCode(200)
                .extract().asString());
        sinks.put("what the bot sent to Telegram", SENT_TO_TELEGRAM.toString());
        sinks.putAll(operatorAnswers());

        List<String> leaks = new ArrayList<>();
        secrets().forEach((name, value) -> sinks.forEach((sink, text) -> {
            int at = text.indexOf(value);
            if (at >= 0) {
                leaks.add(name + " in " + sink + ": …" + text.substring(Math.max(0, at - 80), Math.min(text.length(),
                        at + value.length() + 40)).replace(value, "<" + name + ">") + "…");
            }
        }));
        assertEquals(List.of(), leaks);
        assertTrue(sinks.get("bot-gateway's log").contains("no answer from the Bot API"), "the failures are in what was searched");
    }

    /** Every record of every topic on the broker, payload and headers, by topic. */
    static Map<String, String> everyKafkaRecord() throws Exception {
        Map<String, String> topics = new LinkedHashMap<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA));
                var consumer = new KafkaConsumer<byte[], byte[]>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA,
                        ConsumerConfig.GROUP_ID_CONFIG, "secrets-" + UUID.randomUUID(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            for (String topic : admin.listTopics().names().get()) {
                List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                        .map(p -> new TopicPartition(topic, p.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                StringBuilder text = new StringBuilder();
                int records = 0;
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                        records++;
                        text.append(record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8)).append(' ')
                                .append(record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8));
                        for (Header header : record.headers()) {
                            text.append(' ').append(header.key()).append('=')
                                    .append(header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
                        }
                        text.append('\n');
                    }
                }
                assertTrue(partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p)), "read all of " + topic);
                topics.put("Kafka topic " + topic + " (" + records + " records)", text.toString());
            }
        }
        assertTrue(topics.keySet().stream().anyMatch(t -> t.startsWith("Kafka topic bot-replies-dlq ")),
                "the dead-lettered reply is among the topics searched: " + topics.keySet());
        return topics;
    }

    /** Every operator, health and metrics answer of every service, by URL. */
    static Map<String, String> operatorAnswers() {
        Map<String, List<String>> paths = new LinkedHashMap<>();
        paths.put("http://127.0.0.1:8081", List.of("/api/admin/telegram/webhook", "/api/admin/telegram/ingress"));
        List<String> orchestrator = new ArrayList<>(List.of("/api/admin/jobs", "/api/admin/payments"));
        for (Object job : Platform.operator(LocalStack.ORCHESTRATOR).get("/api/admin/jobs").then().statusCode(200)
                .extract().jsonPath().getList("$")) {
            orchestrator.add("/api/admin/jobs/" + job);
        }
        paths.put(LocalStack.ORCHESTRATOR, orchestrator);
        paths.put(LocalStack.AGENT, List.of("/api/v1/limits"));
        paths.put(LocalStack.BILLING, List.of("/api/admin/audit", "/api/admin/api-key-usage", "/api/admin/totals",
                "/api/admin/prices", "/api/admin/accounts/" + chat.userId + "/ledger"));
        paths.put(LocalStack.PROJECT_STORE, List.of("/api/v1/projects?ownerId=" + chat.userId));
        paths.put(LocalStack.SANDBOX, List.of("/api/admin/runs"));
        Map<String, String> answers = new LinkedHashMap<>();
        paths.forEach((base, own) -> {
            List<String> all = new ArrayList<>(own);
            all.addAll(List.of("/q/health", "/q/health/ready", "/q/health/live", "/q/metrics", "/q/openapi"));
            for (String path : all) {
                answers.put(base + path, Platform.operator(base).get(path).then().extract().asString());
            }
        });
        return answers;
    }
}
