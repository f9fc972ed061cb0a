package ai.devbot.simulator.telegram.botapi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import ai.devbot.simulator.telegram.world.TelegramWorld;
import io.smallrye.common.annotation.Blocking;

/**
 * {@code https://api.telegram.org/file/bot<token>/<file_path>}: the bytes of a file, at the path getFile
 * gave, for the bot's own token only.
 */
@Path("/file/bot{token}/{path: .+}")
@Tag(name = "Telegram Bot API (simulated)")
@Blocking
public class BotFileResource {

    private final TelegramWorld world;

    public BotFileResource(TelegramWorld world) {
        this.world = world;
    }

    @GET
    @Operation(summary = "Download a file by the file_path getFile answered")
    public Response download(@PathParam("token") String token, @PathParam("path") String path) {
        if (!MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                world.botToken().getBytes(StandardCharsets.UTF_8))) {
            return Response.status(401).type(MediaType.APPLICATION_JSON)
                    .entity(Map.of("ok", false, "error_code", 401, "description", "Unauthorized")).build();
        }
        return world.fileAt(path)
                .map(file -> Response.ok(file.bytes(), MediaType.APPLICATION_OCTET_STREAM).build())
                .orElse(Response.status(404).type(MediaType.APPLICATION_JSON)
                        .entity(Map.of("ok", false, "error_code", 404, "description", "Not Found")).build());
    }
}
