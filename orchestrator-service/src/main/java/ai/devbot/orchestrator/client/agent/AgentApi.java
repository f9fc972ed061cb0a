package ai.devbot.orchestrator.client.agent;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.rest.client.reactive.ClientBasicAuth;
import io.smallrye.mutiny.Uni;

/** agent-service's operations; wrapped by {@link Agent}. */
@RegisterRestClient(configKey = "agent")
@ClientBasicAuth(username = "service", password = "${devbot.service-password}")
@Path("/api/v1")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
interface AgentApi {

    /** Non-blocking: a model call takes seconds to minutes, and no thread waits for it. */
    @POST
    @Path("/{operation}")
    Uni<Response> call(@PathParam("operation") String operation, Object request);

    @GET
    @Path("/limits")
    java.util.List<AgentRecords.Limit> limits(@jakarta.ws.rs.QueryParam("tier") String tier);

    @GET
    @Path("/tiers")
    java.util.List<AgentRecords.Tier> tiers();
}
