package ai.devbot.projectstore.history.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import ai.devbot.projectstore.archive.ProjectZip;
import ai.devbot.projectstore.history.GitHistory;
import ai.devbot.projectstore.history.service.HistoryExport;
import ai.devbot.projectstore.rest.Owners;
import io.smallrye.mutiny.Uni;

/** A project's history out: every task a commit, as a git bundle that clones into the full history. */
@Path("/api/v1/projects/{id}/history")
@RolesAllowed({ "service", "operator" })
@Tag(name = "Projects")
public class HistoryResource {

    private final HistoryExport history;

    public HistoryResource(HistoryExport history) {
        this.history = history;
    }

    @GET
    @Path("/bundle")
    @Produces("application/x-git-bundle")
    @Operation(summary = "The history as a git bundle (git clone it): the import, then a commit per task and undo, "
            + "author devbot, the stored times — the same history gives the same commit ids")
    public Uni<Response> bundle(@PathParam("id") long id, @QueryParam("ownerId") Long ownerId) {
        return history.history(id, Owners.require(ownerId)).map(found -> {
            StreamingOutput body = out -> GitHistory.writeBundle(found.commits(), out);
            return Response.ok(body, "application/x-git-bundle").header("Content-Disposition",
                    "attachment; filename=\"" + ProjectZip.rootFolder(found.project().title()) + ".bundle\"").build();
        });
    }
}
