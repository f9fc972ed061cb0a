package ai.devbot.sandbox.projectstore;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.rest.client.reactive.ClientBasicAuth;

/** project-store-service's archive; wrapped by {@link ProjectArchives}. */
@RegisterRestClient(configKey = "project-store")
@ClientBasicAuth(username = "service", password = "${devbot.security.users.service.password}")
@Path("/api/v1/projects")
interface ProjectStoreApi {

    @GET
    @Path("/{id}/archive")
    @Produces({"application/zip", "application/json"})
    Response archive(@PathParam("id") long id, @QueryParam("ownerId") long ownerId);
}
