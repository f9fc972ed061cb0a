package ai.devbot.simulator.llm.openai;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.devbot.simulator.llm.ApiKeyCheck;
import ai.devbot.simulator.llm.LlmReply;
import ai.devbot.simulator.llm.LlmRequest;
import ai.devbot.simulator.llm.LlmRequest.Turn;
import ai.devbot.simulator.llm.SimulatedAnswer;
import ai.devbot.simulator.llm.scenario.ScenarioEngine;
import io.smallrye.mutiny.Uni;

/** OpenAI's chat completions as OpenRouter and other OpenAI-compatible providers serve them. */
@Path("/v1/chat/completions")
@Tag(name = "Simulated OpenAI-compatible provider")
public class OpenAiResource {

    static final String FINGERPRINT = "devbot-simulator";
    private static final AtomicLong IDS = new AtomicLong();

    private final ScenarioEngine engine;
    private final ApiKeyCheck keys;
    private final ObjectMapper json;

    public OpenAiResource(ScenarioEngine engine, ApiKeyCheck keys, ObjectMapper json) {
        this.engine = engine;
        this.keys = keys;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces({ MediaType.APPLICATION_JSON, "text/event-stream" })
    @Operation(summary = "Create a chat completion (with usage token counts)")
    public Uni<Response> complete(@HeaderParam("Authorization") String authorization, String rawBody) {
        String key = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7).trim() : null;
        switch (keys.check(key)) {
            case MISSING -> {
                return SimulatedAnswer.now(error(401, "You didn't provide an API key. Provide it in the Authorization header (Bearer).",
                        "invalid_request_error", null, null));
            }
            case REJECTED -> {
                return SimulatedAnswer.now(error(401, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key", null));
            }
            default -> {
            }
        }
        JsonNode body;
        try {
            body = json.readTree(rawBody);
        } catch (Exception e) {
            return SimulatedAnswer.now(error(400, "We could not parse the JSON body of your request.", "invalid_request_error", null, null));
        }
        if (body == null || !body.path("model").isTextual() || body.path("model").asText().isBlank()) {
            return SimulatedAnswer.now(error(400, "you must provide a model parameter", "invalid_request_error", null, null));
        }
        if (!body.path("messages").isArray() || body.path("messages").isEmpty()) {
            return SimulatedAnswer.now(error(400, "'messages' must be a non-empty array", "invalid_request_error", null, null));
        }
        List<Turn> turns = new ArrayList<>();
        for (JsonNode message : body.get("messages")) {
            turns.add(new Turn(message.path("role").asText("user"), textOf(message.path("content"))));
        }
        String model = body.get("model").asText();
        JsonNode limit = body.hasNonNull("max_tokens") ? body.get("max_tokens") : body.get("max_completion_tokens");
        Integer maxTokens = limit == null || limit.isNull() ? null : Integer.valueOf(limit.asInt());
        LlmReply reply = engine.answer(new LlmRequest(LlmRequest.Provider.OPENAI, model, key, turns, maxTokens));
        return SimulatedAnswer.after(reply, answer(reply, model, body));
    }

    private Response answer(LlmReply reply, String model, JsonNode body) {
        if (reply.isError()) {
            String type = switch (reply.status()) {
                case 429 -> "rate_limit_exceeded";
                case 400, 401, 402, 403 -> "invalid_request_error";
                default -> "server_error";
            };
            return error(reply.status(), reply.errorMessage(), type, null, reply.retryAfterSeconds());
        }
        String id = "chatcmpl-devbot-sim-" + IDS.incrementAndGet();
        if (reply.malformedBody()) {
            return SimulatedAnswer.marked(Response.ok("{\"id\":\"" + id + "\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
                    + "\"message\":{\"role\":\"assistant\",\"content\":\"" + reply.text().substring(0, Math.min(20, reply.text().length())),
                    MediaType.APPLICATION_JSON));
        }
        if (body.path("stream").asBoolean(false)) {
            return SimulatedAnswer.marked(Response.ok(stream(id, model, reply, body.path("stream_options").path("include_usage")
                    .asBoolean(false)), "text/event-stream"));
        }
        ObjectNode completion = json.createObjectNode();
        completion.put("id", id);
        completion.put("object", "chat.completion");
        completion.put("created", System.currentTimeMillis() / 1000);
        completion.put("model", model);
        completion.put("system_fingerprint", FINGERPRINT);
        ObjectNode choice = completion.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", reply.text());
        message.putNull("refusal");
        choice.putNull("logprobs");
        choice.put("finish_reason", reply.truncated() ? "length" : "stop");
        completion.set("usage", usage(reply));
        return SimulatedAnswer.marked(Response.ok(completion, MediaType.APPLICATION_JSON));
    }

    private String stream(String id, String model, LlmReply reply, boolean includeUsage) {
        StringBuilder events = new StringBuilder();
        ObjectNode chunk = chunk(id, model);
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("delta").put("role", "assistant").put("content", reply.text());
        choice.putNull("finish_reason");
        events.append("data: ").append(chunk).append("\n\n");
        ObjectNode last = chunk(id, model);
        ObjectNode end = last.putArray("choices").addObject();
        end.put("index", 0);
        end.putObject("delta");
        end.put("finish_reason", reply.truncated() ? "length" : "stop");
        events.append("data: ").append(last).append("\n\n");
        if (includeUsage) {
            ObjectNode usage = chunk(id, model);
            usage.putArray("choices");
            usage.set("usage", usage(reply));
            events.append("data: ").append(usage).append("\n\n");
        }
        return events.append("data: [DONE]\n\n").toString();
    }

    private ObjectNode chunk(String id, String model) {
        ObjectNode chunk = json.createObjectNode();
        chunk.put("id", id);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", System.currentTimeMillis() / 1000);
        chunk.put("model", model);
        chunk.put("system_fingerprint", FINGERPRINT);
        return chunk;
    }

    private ObjectNode usage(LlmReply reply) {
        ObjectNode usage = json.createObjectNode();
        usage.put("prompt_tokens", reply.promptTokens());
        usage.put("completion_tokens", reply.completionTokens());
        usage.put("total_tokens", reply.promptTokens() + reply.completionTokens());
        return usage;
    }

    private static String textOf(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        content.forEach(part -> {
            if (part.path("type").asText().equals("text")) {
                text.append(part.path("text").asText());
            }
        });
        return text.toString();
    }

    private Response error(int status, String message, String type, String code, Integer retryAfter) {
        ObjectNode body = json.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("message", message);
        error.put("type", type);
        if (LlmReply.MODERATION_MESSAGE.equals(message)) {
            // As OpenRouter sends it: why, what was flagged, by whom.
            ObjectNode metadata = error.putObject("metadata");
            metadata.putArray("reasons").add("harassment");
            metadata.put("flagged_input", "…");
            metadata.put("provider_name", "devbot-simulator");
            metadata.put("model_slug", "simulated");
        }
        error.putNull("param");
        if (code == null) {
            error.putNull("code");
        } else {
            error.put("code", code);
        }
        Response.ResponseBuilder response = Response.status(status).entity(body).type(MediaType.APPLICATION_JSON);
        if (retryAfter != null) {
            response.header("Retry-After", retryAfter);
        }
        return SimulatedAnswer.marked(response);
    }
}
