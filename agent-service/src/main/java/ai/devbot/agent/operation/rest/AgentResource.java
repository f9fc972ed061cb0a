package ai.devbot.agent.operation.rest;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.smallrye.mutiny.Uni;

import ai.devbot.agent.model.ModelCallException;
import ai.devbot.agent.model.NoUsableKeyException;
import ai.devbot.agent.operation.AgentOperations;
import ai.devbot.agent.operation.Requests;
import ai.devbot.agent.operation.Results;
import ai.devbot.agent.operation.UnusableAnswerException;

/**
 * The orchestrator's API: one call per operation, each answering its result and the usage it cost. The
 * endpoints are non-blocking end to end: a request waiting for its model holds no thread.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ "service", "operator" })
@Tag(name = "Agent operations")
@APIResponse(responseCode = "400", description = "Invalid request (the message says which field)")
@APIResponse(responseCode = "422", description = "The model's answer was unusable twice (calls billed, listed in usage)")
@APIResponse(responseCode = "502", description = "The provider refused or failed after retries")
@APIResponse(responseCode = "503", description = "No usable API key, or the provider's circuit is open")
public class AgentResource {

    private final AgentOperations operations;

    public AgentResource(AgentOperations operations) {
        this.operations = operations;
    }

    @POST
    @Path("/plan")
    @Operation(summary = "Architect: plan a project from an idea (title, summary, stack, architecture, tasks)")
    public Uni<Results.Plan> plan(Requests.Plan request) {
        return operations.plan(request);
    }

    @POST
    @Path("/review")
    @Operation(summary = "Architect: review a task's change against its acceptance criteria")
    public Uni<Results.Review> review(Requests.Review request) {
        return operations.review(request);
    }

    @POST
    @Path("/extend")
    @Operation(summary = "Architect: new tasks for a change request, to append to the plan")
    public Uni<Results.Extend> extend(Requests.Extend request) {
        return operations.extend(request);
    }

    @POST
    @Path("/readme")
    @Operation(summary = "Architect: the generated project's README")
    public Uni<Results.Readme> readme(Requests.Readme request) {
        return operations.readme(request);
    }

    @POST
    @Path("/onboard")
    @Operation(summary = "Architect: understand an imported project (summary, stack, architecture, how to test it)")
    public Uni<Results.Onboard> onboard(Requests.Onboard request) {
        return operations.onboard(request);
    }

    @POST
    @Path("/implement")
    @Operation(summary = "Implementer: edits for one task (SEARCH/REPLACE or whole files, as configured)")
    public Uni<Results.Implement> implement(Requests.Implement request) {
        return operations.implement(request);
    }

    @ServerExceptionMapper
    Response invalid(IllegalArgumentException e) {
        return error(400, e.getMessage(), null);
    }

    @ServerExceptionMapper
    Response wrongShape(MismatchedInputException e) {
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        return error(400, (field.isEmpty() ? "the request body" : field) + " has the wrong type (expected "
                + expected(e.getTargetType()) + "): see /q/openapi for this operation's fields", null);
    }

    /** Quarkus's JSON reader turns unparsable bodies into a bare 400; say where the JSON broke. */
    @ServerExceptionMapper
    Response unreadable(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException broken && broken.getLocation() != null) {
            return error(400, "the request body is not valid JSON (line " + broken.getLocation().getLineNr()
                    + ", column " + broken.getLocation().getColumnNr() + ")", null);
        }
        return e.getResponse();
    }

    @ServerExceptionMapper
    Response unusable(UnusableAnswerException e) {
        return error(422, e.getMessage(), Results.Usage.of(e.calls()));
    }

    @ServerExceptionMapper
    Response noKey(NoUsableKeyException e) {
        return error(503, e.getMessage(), null);
    }

    @ServerExceptionMapper
    Response requestRefused(ModelCallException.RequestRefused e) {
        return error(400, e.getMessage(), null);
    }

    @ServerExceptionMapper
    Response modelFailed(ModelCallException e) {
        return error(e.status() == 503 ? 503 : 502, e.getMessage(), null);
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "another shape";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return Collection.class.isAssignableFrom(type) ? "a list" : "an object";
    }

    private static Response error(int status, String message, Results.Usage usage) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        if (usage != null) {
            body.put("usage", usage);
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
