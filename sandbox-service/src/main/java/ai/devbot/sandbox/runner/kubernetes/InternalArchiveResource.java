package ai.devbot.sandbox.runner.kubernetes;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Where a sandbox Job's init container fetches its project: the one-use token in the URL is the credential
 * (outside {@code /api}, so no Basic user is needed and none reaches the sandbox namespace).
 */
@Path("/internal/archives")
public class InternalArchiveResource {

    private final ArchiveTokens tokens;

    InternalArchiveResource(ArchiveTokens tokens) {
        this.tokens = tokens;
    }

    @GET
    @Path("/{token}")
    @Produces("application/zip")
    @Operation(summary = "A run's project archive, once, for the token its Job was given")
    public Response archive(@PathParam("token") String token) {
        return tokens.take(token).map(bytes -> Response.ok(bytes, "application/zip").build())
                .orElseGet(() -> Response.status(404).type("text/plain")
                        .entity("unknown, used or expired archive token\n").build());
    }
}
