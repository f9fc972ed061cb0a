package ai.devbot.gateway.admin.rest;

import java.net.URI;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import ai.devbot.gateway.config.GatewayConfig;
import ai.devbot.gateway.config.IngressMode;
import ai.devbot.gateway.ingress.service.IngressControl;
import ai.devbot.gateway.telegram.TelegramApiException;
import io.smallrye.mutiny.Uni;

/** Operators: register the webhook, see what Telegram knows of it, switch between webhook and polling. */
@Path("/api/admin/telegram")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Telegram (operators)")
@RolesAllowed("operator")
public class TelegramAdminResource {

    public record WebhookRegistration(URI url, Boolean dropPendingUpdates, Integer maxConnections) {
    }

    public record IngressChange(IngressMode mode, URI url) {
    }

    private final IngressControl ingress;
    private final GatewayConfig config;

    public TelegramAdminResource(IngressControl ingress, GatewayConfig config) {
        this.ingress = ingress;
        this.config = config;
    }

    @GET
    @Path("/webhook")
    @Operation(summary = "Telegram's view of the webhook (getWebhookInfo) and the live ingress")
    public Uni<Response> webhook() {
        return answer(ingress.webhookInfo().map(info -> Map.of("ingress", ingress.mode(), "webhook", info)));
    }

    @PUT
    @Path("/webhook")
    @Operation(summary = "Register the webhook with the secret token and the handled update kinds; stops polling")
    public Uni<Response> register(WebhookRegistration registration) {
        WebhookRegistration given = registration == null ? new WebhookRegistration(null, null, null) : registration;
        if (given.maxConnections() != null && (given.maxConnections() < 1 || given.maxConnections() > 100)) {
            return Uni.createFrom().item(error(Response.Status.BAD_REQUEST, "maxConnections must be 1–100"));
        }
        return answer(Uni.createFrom().deferred(() -> ingress.useWebhook(given.url(),
                Boolean.TRUE.equals(given.dropPendingUpdates()), given.maxConnections()))
                .map(done -> Map.of("ingress", IngressMode.WEBHOOK, "allowedUpdates",
                        config.webhook().allowedUpdates())));
    }

    @DELETE
    @Path("/webhook")
    @Operation(summary = "Remove the webhook (Telegram keeps updates for getUpdates)")
    public Uni<Response> delete(@QueryParam("dropPendingUpdates") boolean dropPendingUpdates) {
        return answer(ingress.deleteWebhook(dropPendingUpdates).map(done -> Map.of("deleted", true)));
    }

    @GET
    @Path("/ingress")
    @Operation(summary = "The live ingress: WEBHOOK or POLLING")
    public Map<String, IngressMode> mode() {
        return Map.of("ingress", ingress.mode());
    }

    @PUT
    @Path("/ingress")
    @Operation(summary = "Switch ingress: POLLING deletes the webhook and polls; WEBHOOK registers it (url optional)")
    public Uni<Response> switchIngress(IngressChange change) {
        if (change == null || change.mode() == null) {
            return Uni.createFrom().item(error(Response.Status.BAD_REQUEST, "mode must be WEBHOOK or POLLING"));
        }
        Uni<?> switched = change.mode() == IngressMode.POLLING ? ingress.usePolling()
                : Uni.createFrom().deferred(() -> ingress.useWebhook(change.url(), false, null));
        return answer(switched.map(done -> Map.of("ingress", change.mode())));
    }

    /** Telegram's refusals are the operator's to read (502); no answer at all is 503. */
    private static Uni<Response> answer(Uni<?> work) {
        return work.map(body -> Response.ok(body).build())
                .onFailure(IllegalArgumentException.class)
                .recoverWithItem(e -> error(Response.Status.BAD_REQUEST, e.getMessage()))
                .onFailure(TelegramApiException.class).recoverWithItem(e -> {
                    var failure = (TelegramApiException) e;
                    return error(failure.errorCode() == 0 ? Response.Status.SERVICE_UNAVAILABLE
                            : Response.Status.BAD_GATEWAY, "Telegram: " + failure.getMessage());
                });
    }

    private static Response error(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.<String, Object>of("error", message))
                .build();
    }
}
