package ai.devbot.billing.error;

import java.util.Map;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every refusal as JSON with a status a caller can act on. */
public class ErrorMapper {

    @ServerExceptionMapper
    public Response billing(BillingException e) {
        return Response.status(e.status()).entity(e.body()).type(MediaType.APPLICATION_JSON).build();
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        String message = e.getConstraintViolations().stream()
                .map(v -> v.getPropertyPath() + " " + v.getMessage()).sorted().reduce((a, b) -> a + "; " + b)
                .orElse("invalid request");
        return Response.status(400).entity(Map.of("code", "INVALID", "error", message)).type(MediaType.APPLICATION_JSON)
                .build();
    }

    @ServerExceptionMapper
    public Response arithmetic(ArithmeticException e) {
        return Response.status(400).entity(Map.of("code", "INVALID", "error", "amount out of range"))
                .type(MediaType.APPLICATION_JSON).build();
    }
}
