package ai.devbot.simulator.telegram.user;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.devbot.simulator.telegram.api.TelegramTypes.User;
import ai.devbot.simulator.telegram.world.BotAction;
import ai.devbot.simulator.telegram.world.TelegramWorld;
import io.smallrye.common.annotation.Blocking;

/** The user's side of the chat: act as a Telegram user and read what the bot did. */
@Path("/sim/telegram")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Simulated Telegram user")
@Blocking
public class UserSideResource {

    static final String LAST_SEQ_HEADER = "X-Devbot-Last-Seq";
    private static final Duration MAX_WAIT = Duration.ofSeconds(120);

    public record SendText(String text, String firstName, String username, String languageCode) {
    }

    public record Press(String callbackData, Integer button, boolean forged) {
    }

    public record Pay(Long messageId) {
    }

    public record RateLimit(boolean enabled, double perChatPerSecond, int perChatBurst, double globalPerSecond,
            int globalBurst) {
    }

    private final TelegramWorld world;

    public UserSideResource(TelegramWorld world) {
        this.world = world;
    }

    @POST
    @Path("/users/{userId}/messages")
    @Operation(summary = "The user sends text or a command; it becomes a message update for the bot")
    public Map<String, Object> send(@PathParam("userId") long userId, SendText request) {
        if (request == null || request.text() == null || request.text().isBlank()) {
            throw new IllegalArgumentException("text is required");
        }
        User user = User.person(userId, or(request.firstName(), "User " + userId), or(request.username(), "user" + userId),
                or(request.languageCode(), "en"));
        return Map.of("updateId", world.userSends(user, request.text()));
    }

    @POST
    @Path("/users/{userId}/documents")
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(summary = "The user sends a file (the body); declaredSize makes the update claim another size")
    public Map<String, Object> sendDocument(@PathParam("userId") long userId, @QueryParam("fileName") String fileName,
            @QueryParam("mimeType") String mimeType, @QueryParam("caption") String caption,
            @QueryParam("declaredSize") Long declaredSize, byte[] content) {
        if (fileName == null || fileName.isBlank()) {
            throw new IllegalArgumentException("fileName is required");
        }
        User user = User.person(userId, "User " + userId, "user" + userId, "en");
        return Map.of("updateId", world.userSendsDocument(user, fileName,
                mimeType == null ? "application/octet-stream" : mimeType, content == null ? new byte[0] : content,
                caption, declaredSize));
    }

    @POST
    @Path("/users/{userId}/press")
    @Operation(summary = "The user presses an inline button, by callback data or by number on the latest keyboard")
    public Map<String, Object> press(@PathParam("userId") long userId, Press request) {
        if (request == null || (request.callbackData() == null && request.button() == null)) {
            throw new IllegalArgumentException("give callbackData or button (a number)");
        }
        return Map.of("callbackQueryId",
                world.userPresses(userId, request.callbackData(), request.button(), request.forged()));
    }

    @POST
    @Path("/users/{userId}/pay")
    @Operation(summary = "The user pays an invoice: pre_checkout_query, then successful_payment when the bot says ok")
    public TelegramWorld.Payment pay(@PathParam("userId") long userId, Pay request) {
        return world.userPays(userId, request == null ? null : request.messageId());
    }

    @GET
    @Path("/users/{userId}/actions")
    @Operation(summary = "What the bot did in the chat after a sequence number, waiting for something new")
    public Response actions(@PathParam("userId") long userId, @QueryParam("after") @DefaultValue("0") long after,
            @QueryParam("wait") @DefaultValue("0") double waitSeconds) throws InterruptedException {
        List<BotAction> actions = world.actions(userId, after, waitOf(waitSeconds));
        return Response.ok(actions).header(LAST_SEQ_HEADER, lastSeq(actions, after)).build();
    }

    @GET
    @Path("/actions")
    @Operation(summary = "Everything the bot did in every chat, in order")
    public List<BotAction> allActions() {
        return world.allActions();
    }

    @GET
    @Path("/users/{userId}/transcript")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "The same, rendered for a terminal: numbered buttons, saved files")
    public Response transcript(@PathParam("userId") long userId, @QueryParam("after") @DefaultValue("0") long after,
            @QueryParam("wait") @DefaultValue("0") double waitSeconds,
            @QueryParam("settle") @DefaultValue("0") double settleSeconds) throws InterruptedException {
        List<BotAction> actions = world.actions(userId, after, waitOf(waitSeconds));
        // Replies often come in a burst (answer, then status edits): gather what follows closely.
        while (!actions.isEmpty() && settleSeconds > 0) {
            List<BotAction> more = world.actions(userId, lastSeq(actions, after), waitOf(settleSeconds));
            if (more.isEmpty()) {
                break;
            }
            actions = concat(actions, more);
        }
        return Response.ok(TranscriptRenderer.render(actions)).header(LAST_SEQ_HEADER, lastSeq(actions, after)).build();
    }

    @GET
    @Path("/files/{fileId}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(summary = "The bytes of a document the bot sent")
    public Response file(@PathParam("fileId") String fileId) {
        return world.file(fileId)
                .map(file -> Response.ok(file.bytes(), file.mimeType())
                        .header("Content-Disposition", "attachment; filename=\"" + file.fileName().replace("\"", "") + "\"")
                        .build())
                .orElse(Response.status(404).entity(Map.of("error", "no file " + fileId)).type(MediaType.APPLICATION_JSON)
                        .build());
    }

    @POST
    @Path("/updates")
    @Operation(summary = "Queue a raw update (any kind, e.g. edited_message or channel_post) for the bot")
    public Map<String, Object> inject(ObjectNode update) {
        if (update == null || update.size() == 0) {
            throw new IllegalArgumentException("an update object is required");
        }
        return Map.of("updateId", world.inject(update));
    }

    @PUT
    @Path("/rate-limit")
    @Operation(summary = "Change flood control at runtime (tests provoke 429s with it)")
    public RateLimit rateLimit(RateLimit limits) {
        if (limits.perChatPerSecond() <= 0 || limits.globalPerSecond() <= 0 || limits.perChatBurst() < 1
                || limits.globalBurst() < 1) {
            throw new IllegalArgumentException("rates must be positive and bursts at least 1");
        }
        world.configureRateLimit(limits.enabled(), limits.perChatPerSecond(), limits.perChatBurst(),
                limits.globalPerSecond(), limits.globalBurst());
        return limits;
    }

    @PUT
    @Path("/html-refusals")
    @Operation(summary = "Make the Bot API refuse the next N texts sent with parse_mode HTML (can't parse entities)")
    public Map<String, Object> refuseHtml(Map<String, Integer> request) {
        Integer count = request == null ? null : request.get("count");
        if (count == null || count < 0) {
            throw new IllegalArgumentException("count must be 0 or more");
        }
        world.refuseHtml(count);
        return Map.of("count", count);
    }

    @ServerExceptionMapper
    Response badRequest(IllegalArgumentException e) {
        return Response.status(400).entity(Map.of("error", e.getMessage())).type(MediaType.APPLICATION_JSON).build();
    }

    private static Duration waitOf(double seconds) {
        Duration wait = Duration.ofMillis((long) (Math.max(0, seconds) * 1000));
        return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
    }

    private static long lastSeq(List<BotAction> actions, long fallback) {
        return actions.isEmpty() ? fallback : actions.get(actions.size() - 1).seq();
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
