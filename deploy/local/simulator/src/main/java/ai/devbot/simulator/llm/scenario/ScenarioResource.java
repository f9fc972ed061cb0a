package ai.devbot.simulator.llm.scenario;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Script the simulated LLMs at runtime and see what they were asked. */
@Path("/sim/llm")
@Tag(name = "Simulated LLM scenarios")
public class ScenarioResource {

    private final ScenarioEngine engine;

    public ScenarioResource(ScenarioEngine engine) {
        this.engine = engine;
    }

    @POST
    @Path("/scenarios")
    @Consumes({ MediaType.APPLICATION_JSON, "application/yaml", "text/yaml", MediaType.TEXT_PLAIN })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add rules (YAML or JSON: {rules: [...]}), tried in the order added, before the built-in answers")
    public Map<String, Object> add(String body) {
        ScenarioEngine.Scenario scenario = engine.parse(body);
        engine.add(scenario);
        return Map.of("added", scenario.rules().size());
    }

    @DELETE
    @Path("/scenarios")
    @Operation(summary = "Forget every scripted rule and the request log")
    public Response clear() {
        engine.clear();
        return Response.noContent().build();
    }

    @GET
    @Path("/requests")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every request answered since the last clear, with its token usage and the rule that answered")
    public List<ScenarioEngine.LoggedRequest> requests() {
        return engine.log();
    }

    @ServerExceptionMapper
    Response invalid(IllegalArgumentException e) {
        return Response.status(400).entity(Map.of("error", e.getMessage())).type(MediaType.APPLICATION_JSON).build();
    }
}
