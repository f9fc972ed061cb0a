package ai.devbot.simulator.telegram.botapi;

import java.io.IOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.multipart.FormValue;
import org.jboss.resteasy.reactive.server.multipart.MultipartFormDataInput;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.devbot.simulator.telegram.api.ApiParams;
import ai.devbot.simulator.telegram.api.ApiParams.UploadedFile;
import ai.devbot.simulator.telegram.api.BotApiException;
import ai.devbot.simulator.telegram.world.TelegramWorld;
import io.smallrye.common.annotation.Blocking;

/**
 * {@code https://api.telegram.org/bot<token>/<method>} on loopback. Parameters are accepted the
 * four ways Telegram accepts them: query string, URL-encoded form, JSON body and multipart.
 */
@Path("/bot{token}/{method}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Telegram Bot API (simulated)")
@Blocking
public class BotApiResource {

    private final BotApiMethods methods;
    private final TelegramWorld world;
    private final ObjectMapper json;

    public BotApiResource(BotApiMethods methods, TelegramWorld world, ObjectMapper json) {
        this.methods = methods;
        this.world = world;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Call a Bot API method with a JSON body")
    public Response json(@PathParam("token") String token, @PathParam("method") String method, JsonNode body) {
        Map<String, JsonNode> values = new HashMap<>();
        if (body != null && body.isObject()) {
            body.fields().forEachRemaining(field -> values.put(field.getKey(), field.getValue()));
        }
        return call(token, method, new ApiParams(values, Map.of(), json));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Call a Bot API method with a URL-encoded form")
    public Response form(@PathParam("token") String token, @PathParam("method") String method,
            MultivaluedMap<String, String> form) {
        Map<String, String> values = new HashMap<>();
        form.forEach((key, list) -> values.put(key, list.isEmpty() ? "" : list.get(0)));
        return call(token, method, ApiParams.ofStrings(values, Map.of(), json));
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Call a Bot API method with multipart form data (file uploads)")
    public Response multipart(@PathParam("token") String token, @PathParam("method") String method,
            MultipartFormDataInput input) throws IOException {
        Map<String, String> values = new HashMap<>();
        Map<String, UploadedFile> files = new HashMap<>();
        for (var entry : input.getValues().entrySet()) {
            for (FormValue value : entry.getValue()) {
                if (value.isFileItem()) {
                    String contentType = value.getHeaders().getFirst("Content-Type");
                    files.put(entry.getKey(), new UploadedFile(value.getFileName(),
                            contentType == null ? "application/octet-stream" : contentType,
                            Files.readAllBytes(value.getFileItem().getFile())));
                } else {
                    values.put(entry.getKey(), value.getValue());
                }
            }
        }
        return call(token, method, ApiParams.ofStrings(values, files, json));
    }

    @GET
    @Operation(summary = "Call a Bot API method with query parameters")
    public Response query(@PathParam("token") String token, @PathParam("method") String method,
            @Context UriInfo uri) {
        return call(token, method, ApiParams.ofStrings(firstValues(uri.getQueryParameters()), Map.of(), json));
    }

    @POST
    @Operation(summary = "Call a Bot API method with query parameters and no body")
    public Response queryPost(@PathParam("token") String token, @PathParam("method") String method,
            @Context UriInfo uri) {
        return query(token, method, uri);
    }

    private Response call(String token, String method, ApiParams params) {
        ObjectNode body = json.createObjectNode();
        try {
            if (!constantTimeEquals(token, world.botToken())) {
                throw BotApiException.unauthorized();
            }
            BotApiMethods.Result result = methods.call(method, params);
            body.put("ok", true);
            body.set("result", json.valueToTree(result.value()));
            if (result.description() != null) {
                body.put("description", result.description());
            }
            return Response.ok(body).build();
        } catch (BotApiException e) {
            body.put("ok", false);
            body.put("error_code", e.errorCode());
            body.put("description", e.description());
            if (e.retryAfter() != null) {
                body.putObject("parameters").put("retry_after", e.retryAfter());
            }
            Response.ResponseBuilder response = Response.status(e.errorCode()).entity(body);
            if (e.retryAfter() != null) {
                response.header("Retry-After", e.retryAfter());
            }
            return response.build();
        }
    }

    private static Map<String, String> firstValues(MultivaluedMap<String, String> parameters) {
        Map<String, String> values = new HashMap<>();
        parameters.forEach((key, list) -> values.put(key, list.isEmpty() ? "" : list.get(0)));
        return values;
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
