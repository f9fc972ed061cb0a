package ai.devbot.projectstore.imports.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import ai.devbot.projectstore.imports.service.ProjectImport;
import ai.devbot.projectstore.imports.service.Uploads;
import ai.devbot.projectstore.index.service.CodeIndex;
import ai.devbot.projectstore.rest.Owners;
import io.smallrye.mutiny.Uni;

/**
 * Existing code in: the gateway uploads the archive a user sent (it alone can fetch it from Telegram), then
 * the orchestrator's import job turns the upload — or a public repository's link — into a project.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ "service", "operator" })
@Tag(name = "Imports")
public class ImportResource {

    private final Uploads uploads;
    private final ProjectImport imports;
    private final CodeIndex index;

    public ImportResource(Uploads uploads, ProjectImport imports, CodeIndex index) {
        this.uploads = uploads;
        this.imports = imports;
        this.index = index;
    }

    @POST
    @Path("/uploads")
    @Consumes({ MediaType.APPLICATION_OCTET_STREAM, "application/zip" })
    @Operation(summary = "Store an archive a user sent, once per uploadKey, until it is imported (kept a day)")
    @APIResponse(responseCode = "413", description = "Over the upload limit (Telegram's 20 MB for bots)")
    public Uni<Uploads.Upload> upload(@QueryParam("ownerId") Long ownerId, @QueryParam("uploadKey") String uploadKey,
            @QueryParam("fileName") String fileName, byte[] content) {
        return uploads.store(Owners.require(ownerId), uploadKey, fileName, content);
    }

    @POST
    @Path("/imports")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Import an upload as a new project of its owner; a repeated creationKey answers the same project")
    @APIResponse(responseCode = "422", description = "The archive was refused as a whole (the error says why); nothing was stored")
    public Uni<Response> importUpload(ProjectImport.ImportRequest request) {
        return imports.importUpload(request).invoke(imported -> index.refreshLater(imported.project().id()))
                .map(ImportResource::answer);
    }

    @POST
    @Path("/imports/git")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Clone a public repository (shallow, https, public addresses only) as a new project of its owner; "
            + "a repeated creationKey answers the same project without cloning again")
    @APIResponse(responseCode = "422", description = "The link or the repository was refused (the error says why); nothing was stored")
    public Uni<Response> importGit(ProjectImport.GitImportRequest request) {
        return imports.importGit(request).invoke(imported -> index.refreshLater(imported.project().id()))
                .map(ImportResource::answer);
    }

    private static Response answer(ProjectImport.Imported imported) {
        return Response.status(imported.created() ? 201 : 200).entity(imported).build();
    }
}
