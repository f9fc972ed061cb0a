package ai.devbot.orchestrator.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ai.devbot.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Commands that need no other service, through real Kafka and Redis: help, unknown commands,
 * duplicates and malformed input. Everything that needs the other services is in the end-to-end tests.
 */
@QuarkusTest
class CommandsTest {

    static final String KAFKA = "127.0.0.1:59092";
    static TopicReader replies;
    static TopicReader deadLetters;

    @BeforeAll
    static void readReplies() {
        replies = new TopicReader(KAFKA, "test-orchestrator-bot-replies");
        deadLetters = new TopicReader(KAFKA, "test-orchestrator-bot-commands-dlq");
        // On a fresh broker the topic is created by the first send and the consumer is assigned to it
        // after its next metadata refresh: wait for that once, not in every test.
        long chat = newChat();
        TopicReader.send(KAFKA, "test-orchestrator-bot-commands", Long.toString(chat), command("tg-warm-" + chat, chat, "help", ""));
        replies.await(r -> r.key().equals(Long.toString(chat)), 1, Duration.ofSeconds(90));
    }

    @AfterAll
    static void close() {
        replies.close();
        deadLetters.close();
    }

    static long newChat() {
        return 9_000_000_000L + (long) (Math.random() * 1e9);
    }

    static String command(String id, long chat, String name, String args) {
        return """
                {"commandId":"%s","updateId":1,"chatId":%d,"userId":%d,"kind":"COMMAND","command":"%s","args":"%s",\
                "receivedAt":"2026-11-26T08:14:03.512Z","someFieldFromTheFuture":true}""".formatted(id, chat, chat, name, args);
    }

    List<ConsumerRecord<String, String>> repliesTo(long chat, int count) {
        return replies.await(r -> r.key().equals(Long.toString(chat)), count, Duration.ofSeconds(20));
    }

    /** The chat's replies before the answer to {@code tg-mark-CHAT}: commands of one chat are answered in order. */
    static List<ConsumerRecord<String, String>> beforeMarker(long chat) {
        List<ConsumerRecord<String, String>> upTo = replies.upTo(r -> r.key().equals(Long.toString(chat)),
                r -> r.value().contains("\"inReplyTo\":\"tg-mark-" + chat + "\""), Duration.ofSeconds(20));
        return upTo.subList(0, upTo.size() - 1);
    }

    @Test
    void helpListsTheCommandsAsMarkdownKeyedByChat() {
        long chat = newChat();
        TopicReader.send(KAFKA, "test-orchestrator-bot-commands", Long.toString(chat), command("tg-help-" + chat, chat, "help", ""));
        String reply = repliesTo(chat, 1).get(0).value();
        assertTrue(reply.contains("\"replyId\":\"tg-help-" + chat + "/1\""), reply);
        assertTrue(reply.contains("\"inReplyTo\":\"tg-help-" + chat + "\""), reply);
        assertTrue(reply.contains("/newproject IDEA"), reply);
    }

    @Test
    void anUnknownCommandGetsAShortHelp() {
        long chat = newChat();
        TopicReader.send(KAFKA, "test-orchestrator-bot-commands", Long.toString(chat), command("tg-x-" + chat, chat, "frobnicate", ""));
        String reply = repliesTo(chat, 1).get(0).value();
        assertTrue(reply.contains("I don't know /frobnicate"), reply);
    }

    @Test
    void aCommandDeliveredTwiceIsAnsweredOnce() {
        long chat = newChat();
        String twice = command("tg-dup-" + chat, chat, "help", "");
        TopicReader.send(KAFKA, "test-orchestrator-bot-commands", Long.toString(chat), twice, twice);
        TopicReader.send(KAFKA, "test-orchestrator-bot-commands", Long.toString(chat), command("tg-mark-" + chat, chat, "help", ""));
        assertEquals(1, beforeMarker(chat).size(), "the marker's answer comes right after the one answer");
    }

    @Test
    void commandsWithoutAProjectSayHowToStartOne() {
        long chat = newChat();
        TopicReader.send(KAFKA, "test-orchestrator-bot-commands", Long.toString(chat), command("tg-t-" + chat, chat, "tasks", ""),
                command("tg-i-" + chat, chat, "implement", "all"), command("tg-c-" + chat, chat, "cancel", ""));
        List<ConsumerRecord<String, String>> answers = repliesTo(chat, 3);
        assertTrue(answers.get(0).value().contains("No active project yet"), answers.get(0).value());
        assertTrue(answers.get(1).value().contains("No active project yet"), answers.get(1).value());
        assertTrue(answers.get(2).value().contains("Nothing is running for you here"), answers.get(2).value());
    }

    @Test
    void aUserOverTheCommandLimitGetsOneLimitMessageWhileAnotherUserIsServed() throws InterruptedException {
        // The window is the clock's minute: start early in one, so all of this falls inside it.
        while (java.time.LocalTime.now().getSecond() > 40) {
            Thread.sleep(500);
        }
        long flooder = newChat();
        long other = newChat();
        String[] flood = new String[26];
        for (int i = 0; i < flood.length; i++) {
            flood[i] = command("tg-flood-" + i + "-" + flooder, flooder, "help", "");
        }
        TopicReader.send(KAFKA, "test-orchestrator-bot-commands", Long.toString(flooder), flood);
        TopicReader.send(KAFKA, "test-orchestrator-bot-commands", Long.toString(other), command("tg-calm-" + other, other, "help", ""));
        assertTrue(repliesTo(other, 1).get(0).value().contains("/newproject IDEA"));
        replies.await(r -> r.key().equals(Long.toString(flooder)), 21, Duration.ofSeconds(30));
        // Another member of the same chat is not limited, and its answer comes after everything the flood caused.
        TopicReader.send(KAFKA, "test-orchestrator-bot-commands", Long.toString(flooder), """
                {"commandId":"tg-mark-%d","updateId":1,"chatId":%d,"userId":%d,"kind":"COMMAND","command":"help"}"""
                .formatted(flooder, flooder, other));
        List<ConsumerRecord<String, String>> answers = beforeMarker(flooder);
        assertEquals(21, answers.size(), "20 answered, then one limit message, then nothing until the marker's answer");
        assertTrue(answers.get(20).value().contains("more than 20 commands in a minute"), answers.get(20).value());
    }

    @Test
    void malformedAndIncompleteCommandsGoToTheDeadLetterTopicAndTheNextOneIsHandled() {
        long chat = newChat();
        String key = Long.toString(chat);
        TopicReader.send(KAFKA, "test-orchestrator-bot-commands", key, "{not json", "[1,2]",
                "{\"commandId\":\"tg-1\",\"kind\":\"COMMAND\",\"command\":\"help\"}",
                "{\"commandId\":\"tg-2\",\"chatId\":" + chat + ",\"userId\":-5,\"kind\":\"COMMAND\",\"command\":\"help\"}",
                "{\"commandId\":\"tg-3\",\"chatId\":" + chat + ",\"userId\":" + chat + ",\"kind\":\"TELEPORT\"}",
                command("tg-ok-" + chat, chat, "help", ""));
        assertEquals(5, deadLetters.await(r -> key.equals(r.key()), 5, Duration.ofSeconds(20)).size());
        assertTrue(repliesTo(chat, 1).get(0).value().contains("tg-ok-" + chat));
    }
}
