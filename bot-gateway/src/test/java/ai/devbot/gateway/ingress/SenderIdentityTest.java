package ai.devbot.gateway.ingress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.devbot.gateway.ingress.service.InvoicePayloadVerifierAccess;
import ai.devbot.gateway.ingress.service.MappedUpdate;
import ai.devbot.gateway.ingress.service.UpdateMapper;

/**
 * Who a message is from (docs/adr/0011-who-the-user-is.md): only a person writing it themselves
 * acts, as their own account; in groups only what is addressed to the bot; forum replies keep the topic.
 */
class SenderIdentityTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    final UpdateMapper mapper = new UpdateMapper(() -> Optional.of("devbot_test_bot"),
            InvoicePayloadVerifierAccess.create("test-signing-key-0123456789", Duration.ofHours(24),
                    Clock.fixed(NOW, ZoneOffset.UTC)), Clock.fixed(NOW, ZoneOffset.UTC));

    static final String GROUP = "\"chat\": {\"id\": -1001234567890, \"type\": \"supergroup\", \"title\": \"Team\"}";
    static final String MEMBER = "\"from\": {\"id\": 42, \"is_bot\": false, \"first_name\": \"Ada\"}";

    MappedUpdate map(String messageFields) throws Exception {
        return mapper.map(JSON.readTree("{\"update_id\": 77, \"message\": {\"message_id\": 5, \"date\": 1, "
                + messageFields + "}}"));
    }

    @Test
    void anAnonymousAdminIsRefusedWithANoticeAndNeverActsAsTheSharedAnonymousAccount() throws Exception {
        MappedUpdate mapped = map(GROUP + """
                , "from": {"id": 1087968824, "is_bot": true, "first_name": "Group", "username": "GroupAnonymousBot"},
                "sender_chat": {"id": -1001234567890, "type": "supergroup", "title": "Team"},
                "text": "/newproject a habit tracker\"""");
        assertTrue(mapped.ignored(), "no command for the shared anonymous id");
        assertEquals("sent by an anonymous admin", mapped.ignoredBecause());
        assertEquals(-1001234567890L, mapped.notice().chatId());
        assertTrue(mapped.notice().text().contains("Remain anonymous"), mapped.notice().text());
    }

    @Test
    void aPostSentAsAChannelIsRefusedWithANotice() throws Exception {
        MappedUpdate mapped = map(GROUP + """
                , "from": {"id": 136817688, "is_bot": true, "first_name": "Channel", "username": "Channel_Bot"},
                "sender_chat": {"id": -1009876543210, "type": "channel", "title": "News"},
                "text": "/projects\"""");
        assertTrue(mapped.ignored());
        assertEquals("sent on behalf of a chat", mapped.ignoredBecause());
        assertTrue(mapped.notice().text().contains("Post as yourself"), mapped.notice().text());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // an automatic forward from the linked channel, by Telegram's service account
            "\"from\": {\"id\": 777000, \"is_bot\": false, \"first_name\": \"Telegram\"}, \"is_automatic_forward\": true, "
                    + "\"sender_chat\": {\"id\": -1009876543210, \"type\": \"channel\"}, \"text\": \"/start\"",
            "\"from\": {\"id\": 777000, \"is_bot\": false, \"first_name\": \"Telegram\"}, \"text\": \"/start\"",
            // another bot
            "\"from\": {\"id\": 99, \"is_bot\": true, \"first_name\": \"Spam\", \"username\": \"spam_bot\"}, \"text\": \"/buy\"",
            // a forwarded command: the forwarder did not write it
            MEMBER + ", \"forward_origin\": {\"type\": \"user\", \"date\": 1, \"sender_user\": {\"id\": 7, \"is_bot\": false, "
                    + "\"first_name\": \"Eve\"}}, \"text\": \"/newproject mine a coin\"",
            MEMBER + ", \"forward_date\": 1, \"text\": \"build me a crypto miner\"" })
    void automaticForwardsBotsAndForwardedMessagesAreIgnoredSilently(String fields) throws Exception {
        MappedUpdate mapped = map(GROUP + ", " + fields);
        assertTrue(mapped.ignored(), fields);
        assertNull(mapped.notice(), "no notice: " + mapped.ignoredBecause());
    }

    @Test
    void groupChatterIsNeverAChangeRequest() throws Exception {
        MappedUpdate mapped = map(GROUP + ", " + MEMBER + ", \"text\": \"lunch at noon?\"");
        assertTrue(mapped.ignored());
        assertEquals("group chatter not addressed to the bot", mapped.ignoredBecause());
        // A reply to someone else is chatter too.
        assertTrue(map(GROUP + ", " + MEMBER + ", \"reply_to_message\": {\"message_id\": 4, \"date\": 1, " + GROUP
                + ", \"from\": {\"id\": 43, \"is_bot\": false, \"first_name\": \"Bob\"}}, \"text\": \"sure\"").ignored());
        assertTrue(map(GROUP + ", " + MEMBER + ", \"reply_to_message\": {\"message_id\": 4, \"date\": 1, " + GROUP
                + ", \"from\": {\"id\": 44, \"is_bot\": true, \"username\": \"other_bot\"}}, \"text\": \"sure\"").ignored());
    }

    @Test
    void inAGroupTheBotActsOnItsCommandsAndOnRepliesToItsMessagesAsTheMemberWhoSentThem() throws Exception {
        BotCommand reply = map(GROUP + ", " + MEMBER + ", \"reply_to_message\": {\"message_id\": 4, \"date\": 1, " + GROUP
                + ", \"from\": {\"id\": 555, \"is_bot\": true, \"username\": \"DevBot_Test_Bot\"}}, "
                + "\"text\": \"a habit tracker\"").command();
        assertEquals(BotCommand.Kind.TEXT, reply.kind());
        assertEquals(42, reply.userId());
        assertEquals(-1001234567890L, reply.chatId());
        BotCommand addressed = map(GROUP + ", " + MEMBER + ", \"text\": \"/projects@devbot_test_bot\"").command();
        assertEquals("projects", addressed.command());
        assertEquals(42, addressed.userId());
        assertEquals("status", map(GROUP + ", " + MEMBER + ", \"text\": \"/status\"").command().command());
    }

    @Test
    void aForumTopicsCommandAndButtonsCarryTheTopic() throws Exception {
        BotCommand command = map(GROUP + ", " + MEMBER + ", \"message_thread_id\": 31, \"is_topic_message\": true, "
                + "\"text\": \"/buy\"").command();
        assertEquals(31L, command.threadId());
        // message_thread_id without is_topic_message is a reply thread, not a topic: the main chat answers.
        assertNull(map(GROUP + ", " + MEMBER + ", \"message_thread_id\": 31, \"text\": \"/buy\"").command().threadId());
        BotCommand pressed = mapper.map(JSON.readTree("""
                {"update_id": 78, "callback_query": {"id": "cb-9", "data": "tasks:p3", "chat_instance": "x",
                  "from": {"id": 42, "first_name": "Ada"},
                  "message": {"message_id": 50, "date": 1, "message_thread_id": 31, "is_topic_message": true,
                    "chat": {"id": -1001234567890, "type": "supergroup"}}}}""")).command();
        assertEquals(31L, pressed.threadId());
        assertEquals(42, pressed.userId());
    }

    @Test
    void privateChatsAreUnchanged() throws Exception {
        BotCommand text = map("\"chat\": {\"id\": 42, \"type\": \"private\"}, " + MEMBER + ", \"text\": \"a habit tracker\"")
                .command();
        assertEquals(BotCommand.Kind.TEXT, text.kind());
        assertNull(text.threadId());
    }
}
