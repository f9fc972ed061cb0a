package ai.devbot.projectstore.project.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
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
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import ai.devbot.projectstore.archive.ProjectZip;
import ai.devbot.projectstore.edit.Edit;
import ai.devbot.projectstore.edit.EditBatch;
import ai.devbot.projectstore.index.service.CodeIndex;
import ai.devbot.projectstore.project.Project;
import ai.devbot.projectstore.project.service.ProjectService;
import ai.devbot.projectstore.rest.Owners;
import io.smallrye.mutiny.Uni;

/**
 * Projects for services. Every call names the owner ({@code ownerId}, the Telegram user) and
 * reaches only that owner's projects: anything else is 404, exactly like a project that does not exist.
 */
@Path("/api/v1/projects")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ "service", "operator" })
@Tag(name = "Projects")
public class ProjectResource {

    private final ProjectService projects;
    private final CodeIndex index;

    public ProjectResource(ProjectService projects, CodeIndex index) {
        this.projects = projects;
        this.index = index;
    }

    @POST
    @Operation(summary = "Create a project for its owner")
    public Uni<Response> create(ProjectService.NewProject request) {
        return projects.create(request)
                .map(result -> Response.status(result.created() ? 201 : 200).entity(result.project()).build());
    }

    @GET
    @Operation(summary = "An owner's projects")
    public Uni<List<Project>> list(@QueryParam("ownerId") Long ownerId) {
        return projects.list(Owners.require(ownerId));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One project (404 when it is not the owner's)")
    public Uni<Project> get(@PathParam("id") long id, @QueryParam("ownerId") Long ownerId) {
        return projects.get(id, Owners.require(ownerId));
    }

    @PATCH
    @Path("/{id}")
    @Operation(summary = "Change a project's title, idea, summary, tech stack, architecture or status")
    public Uni<Project> update(@PathParam("id") long id, @QueryParam("ownerId") Long ownerId,
            ProjectService.ProjectUpdate update) {
        return projects.update(id, Owners.require(ownerId), update);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a project with its files, history, tasks and index")
    public Uni<Response> delete(@PathParam("id") long id, @QueryParam("ownerId") Long ownerId) {
        return projects.delete(id, Owners.require(ownerId)).map(done -> Response.noContent().build());
    }

    @PUT
    @Path("/{id}/files/content")
    @Consumes(MediaType.TEXT_PLAIN)
    @Operation(summary = "Write one file (a one-edit batch; batchId makes a retry harmless)")
    public Uni<ProjectService.BatchOutcome> putFile(@PathParam("id") long id, @QueryParam("ownerId") Long ownerId,
            @QueryParam("path") String path, @QueryParam("batchId") String batchId, String content) {
        return applyOne(id, ownerId, batchId, new Edit(Edit.Kind.write, path, null, null, content == null ? "" : content));
    }

    @DELETE
    @Path("/{id}/files/content")
    @Operation(summary = "Delete one file (a one-edit batch; batchId makes a retry harmless)")
    public Uni<ProjectService.BatchOutcome> deleteFile(@PathParam("id") long id, @QueryParam("ownerId") Long ownerId,
            @QueryParam("path") String path, @QueryParam("batchId") String batchId) {
        return applyOne(id, ownerId, batchId, new Edit(Edit.Kind.delete, path, null, null, null));
    }

    private Uni<ProjectService.BatchOutcome> applyOne(long id, Long ownerId, String batchId, Edit edit) {
        return projects.applyEdits(id, Owners.require(ownerId),
                new ProjectService.BatchRequest(batchId, null, null, "operator", List.of(edit)), EditBatch.Limits.DEFAULT)
                .invoke(() -> index.refreshLater(id));
    }

    @GET
    @Path("/{id}/files")
    @Operation(summary = "The file tree: path, size in bytes, version")
    public Uni<List<ProjectService.FileInfo>> files(@PathParam("id") long id, @QueryParam("ownerId") Long ownerId) {
        return projects.files(id, Owners.require(ownerId));
    }

    @GET
    @Path("/{id}/files/content")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "One file's current content")
    public Uni<String> content(@PathParam("id") long id, @QueryParam("ownerId") Long ownerId,
            @QueryParam("path") String path) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("path is required");
        }
        return projects.content(id, Owners.require(ownerId), path);
    }

    @POST
    @Path("/{id}/edits")
    @Operation(summary = "Apply a batch of edits atomically, once per batchId; 422 lists every problem for the model")
    public Uni<ProjectService.BatchOutcome> edits(@PathParam("id") long id, @QueryParam("ownerId") Long ownerId,
            ProjectService.BatchRequest request) {
        return projects.applyEdits(id, Owners.require(ownerId), request, EditBatch.Limits.DEFAULT)
                .invoke(() -> index.refreshLater(id));
    }

    @GET
    @Path("/{id}/archive")
    @Produces("application/zip")
    @Operation(summary = "The project as a zip: one root folder, deterministic bytes, streamed")
    public Uni<Response> archive(@PathParam("id") long id, @QueryParam("ownerId") Long ownerId) {
        return projects.snapshot(id, Owners.require(ownerId)).map(ProjectResource::zip);
    }

    private static Response zip(ProjectService.Snapshot snapshot) {
        String title = snapshot.project().title();
        StreamingOutput body = out -> ProjectZip.write(title, snapshot.files(), snapshot.binaries(), out);
        return Response.ok(body, "application/zip")
                .header("Content-Disposition", "attachment; filename=\"" + ProjectZip.rootFolder(title) + ".zip\"")
                .build();
    }
}
