package ai.devbot.sandbox.run.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import ai.devbot.sandbox.error.SandboxException;
import ai.devbot.sandbox.run.RunRequest;
import ai.devbot.sandbox.run.RunResult;
import ai.devbot.sandbox.run.service.RunService;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/runs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RunResource {

    private final RunService runs;

    RunResource(RunService runs) {
        this.runs = runs;
    }

    @POST
    @Operation(summary = "Run commands on a project in a fresh sandbox; once per runId",
            description = "Answers when the run has finished. The same runId with the same request answers the stored "
                    + "result and never executes again; with a different request it is refused (409).")
    @APIResponse(responseCode = "200", description = "the run finished: PASSED, FAILED or ERROR")
    @APIResponse(responseCode = "202", description = "a repeated request: the first is still executing; ask again")
    @APIResponse(responseCode = "404", description = "the project does not exist for this owner")
    @APIResponse(responseCode = "409", description = "the runId was used for a different request")
    @APIResponse(responseCode = "413", description = "the project's archive is over the size limit")
    @APIResponse(responseCode = "503", description = "no sandbox free, or project-store unreachable; see Retry-After")
    public Uni<Response> run(@NotNull(message = "a JSON body is required") @Valid RunRequest request) {
        return runs.run(request).map(answer -> Response.status(answer.running() ? 202 : 200).entity(answer.result())
                .build());
    }

    @GET
    @Path("/{runId}")
    @Operation(summary = "A run's result (status RUNNING while it executes)")
    public Uni<RunResult> get(@PathParam("runId") String runId, @QueryParam("ownerId") Long ownerId) {
        if (ownerId == null || ownerId <= 0) {
            throw new SandboxException(400, "INVALID", "ownerId (the user the run belongs to) is required");
        }
        return runs.find(runId, ownerId);
    }
}
