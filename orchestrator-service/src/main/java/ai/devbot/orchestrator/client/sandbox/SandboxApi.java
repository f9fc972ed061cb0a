package ai.devbot.orchestrator.client.sandbox;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.rest.client.reactive.ClientBasicAuth;

/** sandbox-service's API; wrapped by {@link Sandbox}. */
@RegisterRestClient(configKey = "sandbox")
@ClientBasicAuth(username = "service", password = "${devbot.service-password}")
@Path("/api/v1/runs")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
interface SandboxApi {

    /** Non-blocking: a run takes seconds to many minutes, and no thread waits for it. */
    @POST
    Uni<Response> run(SandboxRecords.RunRequest request);
}
