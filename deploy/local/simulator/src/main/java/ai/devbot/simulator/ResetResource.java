package ai.devbot.simulator;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import ai.devbot.simulator.llm.scenario.ScenarioEngine;
import ai.devbot.simulator.telegram.world.TelegramWorld;

@Path("/sim/reset")
@Tag(name = "Simulator")
public class ResetResource {

    private final TelegramWorld telegram;
    private final ScenarioEngine llm;

    public ResetResource(TelegramWorld telegram, ScenarioEngine llm) {
        this.telegram = telegram;
        this.llm = llm;
    }

    @POST
    @Operation(summary = "Forget every chat, update, webhook, file, scripted rule and logged request")
    public Response reset() {
        telegram.reset();
        llm.clear();
        return Response.noContent().build();
    }
}
