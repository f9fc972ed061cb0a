package ai.devbot.projectstore.rest;

import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import ai.devbot.projectstore.edit.EditRejectedException;
import ai.devbot.projectstore.imports.UploadTooLargeException;
import ai.devbot.projectstore.imports.ImportedFiles;
import ai.devbot.projectstore.project.ConflictException;
import ai.devbot.projectstore.project.NotFoundException;
import ai.devbot.projectstore.push.GitPush;
import ai.devbot.projectstore.push.PushTarget;

/**
 * Every endpoint's errors as {@code {"error": …}}: 400 invalid, 404 unknown or not the owner's, 409, 413 an
 * upload over the limit, 422 edits that do not apply, an archive refused as a whole, a push address or push refused.
 */
public class ErrorMappers {

    @ServerExceptionMapper
    Response notFound(NotFoundException e) {
        return error(404, Map.of("error", e.getMessage()));
    }

    @ServerExceptionMapper
    Response invalid(IllegalArgumentException e) {
        return error(400, Map.of("error", e.getMessage()));
    }

    @ServerExceptionMapper
    Response conflict(ConflictException e) {
        return error(409, Map.of("error", e.getMessage()));
    }

    @ServerExceptionMapper
    Response rejected(EditRejectedException e) {
        return error(422, Map.of("error", "the batch was not applied; nothing changed", "problems", e.problems()));
    }

    @ServerExceptionMapper
    Response refusedArchive(ImportedFiles.RefusedException e) {
        return error(422, Map.of("error", e.getMessage()));
    }

    @ServerExceptionMapper
    Response refusedPushTarget(PushTarget.RefusedException e) {
        return error(422, Map.of("error", e.getMessage()));
    }

    @ServerExceptionMapper
    Response failedPush(GitPush.FailedException e) {
        return error(422, Map.of("error", e.getMessage(), "keyRefused", e.keyRefused));
    }

    @ServerExceptionMapper
    Response tooLarge(UploadTooLargeException e) {
        return error(413, Map.of("error", e.getMessage()));
    }

    private static Response error(int status, Map<String, Object> body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
