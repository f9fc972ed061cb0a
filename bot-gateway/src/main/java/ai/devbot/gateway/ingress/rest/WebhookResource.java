package ai.devbot.gateway.ingress.rest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.devbot.gateway.config.GatewayConfig;
import ai.devbot.gateway.ingress.service.UpdateIngestion;
import io.smallrye.mutiny.Uni;

/**
 * Telegram's webhook. Authenticated by the secret token registered with {@code setWebhook}
 * (compared in constant time), not by the platform's Basic auth. 200 means Kafka has the command;
 * 503 makes Telegram send the update again later, so nothing is lost while the broker is away.
 */
@Path("/telegram/webhook")
@Tag(name = "Telegram webhook")
public class WebhookResource {

    static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    private static final Logger LOG = Logger.getLogger(WebhookResource.class);

    private final UpdateIngestion ingestion;
    private final ObjectMapper json;
    private final byte[] secret;

    public WebhookResource(UpdateIngestion ingestion, ObjectMapper json, GatewayConfig config) {
        this.ingestion = ingestion;
        this.json = json;
        this.secret = config.webhook().secret().getBytes(StandardCharsets.UTF_8);
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Receive one Telegram update", description = "Called by Telegram with the secret token "
            + "given at setWebhook. Answers only after the command is acknowledged by Kafka (acks=all).")
    @APIResponse(responseCode = "200", description = "Published, already published, or an update kind the bot ignores")
    @APIResponse(responseCode = "400", description = "Not a JSON update with a numeric update_id")
    @APIResponse(responseCode = "401", description = "Missing or wrong X-Telegram-Bot-Api-Secret-Token")
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge; Telegram will send the update again")
    public Uni<Response> receive(@HeaderParam(SECRET_HEADER) String token, byte[] body) {
        if (token == null || !MessageDigest.isEqual(secret, token.getBytes(StandardCharsets.UTF_8))) {
            return Uni.createFrom().item(error(Response.Status.UNAUTHORIZED, "missing or wrong " + SECRET_HEADER));
        }
        JsonNode update;
        try {
            update = body == null || body.length == 0 ? null : json.readTree(body);
        } catch (IOException e) {
            return Uni.createFrom().item(error(Response.Status.BAD_REQUEST, "the body is not JSON"));
        }
        if (update == null || !update.isObject()) {
            return Uni.createFrom().item(error(Response.Status.BAD_REQUEST, "the body is not a JSON object"));
        }
        Uni<UpdateIngestion.Outcome> ingested;
        try {
            ingested = ingestion.ingest(update);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(error(Response.Status.BAD_REQUEST, e.getMessage()));
        }
        return ingested
                .map(outcome -> Response.ok().build())
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("update %s not published, Telegram will resend it: %s", update.path("update_id"),
                            e.getMessage());
                    return Response.status(Response.Status.SERVICE_UNAVAILABLE).header("Retry-After", "1")
                            .type(MediaType.APPLICATION_JSON)
                            .entity(Map.of("error", "the update could not be queued; send it again")).build();
                });
    }

    private static Response error(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("error", message)).build();
    }
}
