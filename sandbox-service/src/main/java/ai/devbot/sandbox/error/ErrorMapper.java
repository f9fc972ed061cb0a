package ai.devbot.sandbox.error;

import java.util.Map;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every refusal as JSON {@code {code, error}} with a status a caller can act on. */
public class ErrorMapper {

    @ServerExceptionMapper
    public Response sandbox(SandboxException e) {
        Response.ResponseBuilder response = Response.status(e.status())
                .entity(Map.of("code", e.code(), "error", e.getMessage())).type(MediaType.APPLICATION_JSON);
        if (e.retryAfterSeconds() != null) {
            response.header("Retry-After", e.retryAfterSeconds());
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        String message = e.getConstraintViolations().stream()
                .map(v -> v.getPropertyPath() + " " + v.getMessage()).sorted().reduce((a, b) -> a + "; " + b)
                .orElse("invalid request");
        return Response.status(400).entity(Map.of("code", "INVALID", "error", message)).type(MediaType.APPLICATION_JSON)
                .build();
    }
}
