package ai.devbot.projectstore.push.rest;

import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import ai.devbot.projectstore.push.service.ProjectPush;
import ai.devbot.projectstore.rest.Owners;
import io.smallrye.mutiny.Uni;

/** A project's history out to the user's own repository, with a deploy key the bot made (ADR 0013). */
@Path("/api/v1/projects/{id}/push")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ "service", "operator" })
@Tag(name = "Projects")
public class PushResource {

    /** Where to push: an SSH address on an allowed forge host. */
    public record PushAddress(String address) {
    }

    private final ProjectPush push;

    public PushResource(ProjectPush push) {
        this.push = push;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set where the project is pushed; answers the deploy key's public half to add to that "
            + "repository (made on first use; the private half never leaves the service)")
    @APIResponse(responseCode = "422", description = "Not an SSH address on an allowed host (the error says why)")
    public Uni<ProjectPush.Setup> setUp(@PathParam("id") long id, @QueryParam("ownerId") Long ownerId,
            PushAddress body) {
        if (body == null) {
            throw new IllegalArgumentException("the body {\"address\": …} is required");
        }
        return push.setUp(id, Owners.require(ownerId), body.address());
    }

    @POST
    @Operation(summary = "Push the history to devbot/<slug> on the set repository, never forced")
    @APIResponse(responseCode = "409", description = "No repository set yet")
    @APIResponse(responseCode = "422", description = "The repository refused (key not added, foreign history on the "
            + "branch, changed host key…): the error says what to do; nothing was changed there")
    public Uni<ProjectPush.Pushed> push(@PathParam("id") long id, @QueryParam("ownerId") Long ownerId) {
        return push.push(id, Owners.require(ownerId));
    }

    @DELETE
    @Operation(summary = "Forget the project's deploy key and push address (the next push makes a new key)")
    public Uni<Map<String, Boolean>> forget(@PathParam("id") long id, @QueryParam("ownerId") Long ownerId) {
        return push.forget(id, Owners.require(ownerId)).map(forgotten -> Map.of("forgotten", forgotten));
    }
}
