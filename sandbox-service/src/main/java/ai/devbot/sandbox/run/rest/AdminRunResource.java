package ai.devbot.sandbox.run.rest;

import java.util.List;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import ai.devbot.sandbox.error.SandboxException;
import ai.devbot.sandbox.run.service.RunService;
import io.smallrye.mutiny.Uni;

/** Operators' view of runs (role {@code operator}). */
@Path("/api/admin/runs")
@Produces(MediaType.APPLICATION_JSON)
public class AdminRunResource {

    private final RunService runs;

    AdminRunResource(RunService runs) {
        this.runs = runs;
    }

    @GET
    @Operation(summary = "The latest runs, newest first, optionally of one owner and project (at most 200)")
    public Uni<List<RunService.Summary>> recent(@QueryParam("ownerId") Long ownerId,
            @QueryParam("projectId") Long projectId, @QueryParam("limit") @DefaultValue("50") int limit) {
        if (limit < 1 || limit > 200) {
            throw new SandboxException(400, "INVALID", "limit must be 1-200");
        }
        return runs.recent(ownerId, projectId, limit);
    }
}
