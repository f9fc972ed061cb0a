package ai.devbot.projectstore.index.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import ai.devbot.projectstore.index.service.CodeIndex;
import ai.devbot.projectstore.rest.Owners;

/** Semantic search over a project's code, and the implementer's context within a token budget. */
@Path("/api/v1/projects/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ "service", "operator" })
@Tag(name = "Code index")
public class IndexResource {

    public record ContextRequest(String query, Integer budgetTokens) {
    }

    private final CodeIndex index;

    public IndexResource(CodeIndex index) {
        this.index = index;
    }

    @GET
    @Path("/search")
    @Operation(summary = "The k chunks most similar to a natural-language query")
    public List<CodeIndex.Hit> search(@PathParam("id") long id, @QueryParam("ownerId") Long ownerId,
            @QueryParam("q") String query, @QueryParam("k") @DefaultValue("5") int k) {
        return index.search(id, Owners.require(ownerId), query, k);
    }

    @POST
    @Path("/context")
    @Operation(summary = "The file tree and the best chunks for a query, within budgetTokens (default 4,000)")
    public CodeIndex.Context context(@PathParam("id") long id, @QueryParam("ownerId") Long ownerId,
            ContextRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("a body with query (and budgetTokens) is required");
        }
        return index.context(id, Owners.require(ownerId), request.query(),
                request.budgetTokens() == null ? 4000 : request.budgetTokens());
    }

    public record Refreshed(int embeddedChunks, long millis, long chunks) {
    }

    @POST
    @Path("/index/refresh")
    @Operation(summary = "Bring the index up to date now; says how many chunks were embedded and how long it took")
    public Refreshed refresh(@PathParam("id") long id, @QueryParam("ownerId") Long ownerId) {
        long started = System.nanoTime();
        int embedded = index.refresh(id, Owners.require(ownerId));
        return new Refreshed(embedded, (System.nanoTime() - started) / 1_000_000, index.chunkCount(id));
    }
}
