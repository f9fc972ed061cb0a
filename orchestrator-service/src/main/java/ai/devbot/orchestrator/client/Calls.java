package ai.devbot.orchestrator.client;

import java.util.function.Supplier;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * How every client wrapper calls its service: connection failures and 5xx become
 * {@link TransientFailure} (what the wrappers' {@code @Retry} retries), everything else passes.
 */
public final class Calls {

    private Calls() {
    }

    /** A failure worth retrying: the service was unreachable or answered 5xx. */
    public static class TransientFailure extends ServiceUnavailableException {
        public TransientFailure(String service, Throwable cause) {
            super(service, cause);
        }
    }

    public static <T> T call(String service, Supplier<T> call) {
        try {
            return call.get();
        } catch (ProcessingException e) {
            throw new TransientFailure(service, e);
        } catch (WebApplicationException e) {
            if (e.getResponse() != null && e.getResponse().getStatus() >= 500) {
                throw new TransientFailure(service, e);
            }
            throw e;
        }
    }

    /**
     * For non-blocking calls that answer a {@link Response}: an unreachable service is transient, every status is
     * the caller's to read (the REST client's default mapper throws for each one >= 400), on a worker thread.
     */
    public static Uni<Response> responseLater(String service, Supplier<Uni<Response>> call) {
        return Uni.createFrom().<Response>deferred(call::get)
                .onFailure(WebApplicationException.class).recoverWithItem(e -> ((WebApplicationException) e).getResponse())
                .onFailure(ProcessingException.class).transform(e -> new TransientFailure(service, e))
                .emitOn(Infrastructure.getDefaultWorkerPool());
    }

    /** The {@code error} text of a service's JSON error body, or the status when there is none. */
    public static String errorOf(Response response) {
        try {
            var body = response.readEntity(com.fasterxml.jackson.databind.JsonNode.class);
            return body != null && body.hasNonNull("error") ? body.get("error").asText() : "HTTP " + response.getStatus();
        } catch (WebApplicationException | IllegalStateException e) {
            return "HTTP " + response.getStatus();
        }
    }

    /**
     * For calls that answer a {@link Response}: a 5xx is transient, any other status is the caller's
     * to read (the REST client's default mapper throws for every 4xx; its response is returned).
     */
    public static Response response(String service, Supplier<Response> call) {
        Response response;
        try {
            response = call.get();
        } catch (ProcessingException e) {
            throw new TransientFailure(service, e);
        } catch (WebApplicationException e) {
            response = e.getResponse();
        }
        if (response.getStatus() >= 500) {
            String body = response.hasEntity() ? response.readEntity(String.class) : "";
            throw new TransientFailure(service, new IllegalStateException("HTTP " + response.getStatus() + " " + body));
        }
        return response;
    }
}
