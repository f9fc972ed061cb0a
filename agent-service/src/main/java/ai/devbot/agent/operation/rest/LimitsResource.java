package ai.devbot.agent.operation.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import ai.devbot.agent.operation.CostLimits;

/** The token bounds of each operation, for holding the worst case before a call. */
@Path("/api/v1/limits")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ "service", "operator" })
@Tag(name = "Agent operations")
public class LimitsResource {

    private final CostLimits limits;

    LimitsResource(CostLimits limits) {
        this.limits = limits;
    }

    @GET
    @Operation(summary = "Per operation: the model, and the most tokens one call of the operation can be billed for "
            + "(fixedInputTokens + inputTokensPerRequestByte × the request's bytes in, maxOutputTokens out), with the "
            + "models of the tier (absent: the default tier; unknown: 400)")
    public List<CostLimits.Limit> all(@QueryParam("tier") String tier) {
        return limits.all(tier);
    }
}
