package ai.devbot.orchestrator.client.projectstore;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.rest.client.reactive.ClientBasicAuth;

/** project-store-service's API; wrapped by {@link ProjectStore}. Every call names the owner. */
@RegisterRestClient(configKey = "project-store")
@ClientBasicAuth(username = "service", password = "${devbot.service-password}")
@Path("/api/v1")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
interface ProjectStoreApi {

    @POST
    @Path("/projects")
    StoreRecords.Project create(StoreRecords.NewProject project);

    @GET
    @Path("/projects")
    List<StoreRecords.Project> list(@QueryParam("ownerId") long ownerId);

    @GET
    @Path("/projects/{id}")
    Response get(@PathParam("id") long id, @QueryParam("ownerId") long ownerId);

    @PATCH
    @Path("/projects/{id}")
    StoreRecords.Project update(@PathParam("id") long id, @QueryParam("ownerId") long ownerId,
            StoreRecords.ProjectChange change);

    @GET
    @Path("/projects/{id}/tasks")
    List<StoreRecords.Task> tasks(@PathParam("id") long id, @QueryParam("ownerId") long ownerId);

    @POST
    @Path("/projects/{id}/tasks")
    List<StoreRecords.Task> appendTasks(@PathParam("id") long id, @QueryParam("ownerId") long ownerId,
            StoreRecords.Append append);

    @PATCH
    @Path("/projects/{id}/tasks/{number}")
    StoreRecords.Task updateTask(@PathParam("id") long id, @PathParam("number") int number,
            @QueryParam("ownerId") long ownerId, StoreRecords.TaskUpdate update);

    @GET
    @Path("/projects/{id}/tasks/{number}/diff")
    Response taskDiff(@PathParam("id") long id, @PathParam("number") int number, @QueryParam("ownerId") long ownerId);

    @POST
    @Path("/projects/{id}/tasks/{number}/rollback")
    Response rollback(@PathParam("id") long id, @PathParam("number") int number, @QueryParam("ownerId") long ownerId);

    @GET
    @Path("/projects/{id}/files")
    List<StoreRecords.FileInfo> files(@PathParam("id") long id, @QueryParam("ownerId") long ownerId);

    @GET
    @Path("/projects/{id}/files/content")
    @Produces(MediaType.WILDCARD)
    Response content(@PathParam("id") long id, @QueryParam("ownerId") long ownerId, @QueryParam("path") String path);

    @PUT
    @Path("/projects/{id}/files/content")
    @Consumes(MediaType.TEXT_PLAIN)
    Response write(@PathParam("id") long id, @QueryParam("ownerId") long ownerId, @QueryParam("path") String path,
            @QueryParam("batchId") String batchId, String content);

    @POST
    @Path("/projects/{id}/edits")
    Response applyEdits(@PathParam("id") long id, @QueryParam("ownerId") long ownerId, StoreRecords.Batch batch);

    @POST
    @Path("/projects/{id}/context")
    StoreRecords.Context context(@PathParam("id") long id, @QueryParam("ownerId") long ownerId,
            StoreRecords.ContextRequest request);

    /** 201/200 {project, report}; 422 {error} when the archive is refused as a whole; 404 an unknown upload. */
    @POST
    @Path("/imports")
    Response importUpload(StoreRecords.ImportRequest request);

    /** 201/200 {project, report}; 422 {error} when the link or the repository is refused. */
    @POST
    @Path("/imports/git")
    Response importGit(StoreRecords.GitImportRequest request);

    /** 200 the deploy key to add; 422 {error} when the address is refused. */
    @PUT
    @Path("/projects/{id}/push")
    Response setUpPush(@PathParam("id") long id, @QueryParam("ownerId") long ownerId, StoreRecords.PushAddress address);

    /** 200 pushed or up to date; 409 no address set; 422 {error, keyRefused} refused by the repository. */
    @POST
    @Path("/projects/{id}/push")
    Response push(@PathParam("id") long id, @QueryParam("ownerId") long ownerId);

    @DELETE
    @Path("/projects/{id}/push")
    Response forgetPush(@PathParam("id") long id, @QueryParam("ownerId") long ownerId);
}
