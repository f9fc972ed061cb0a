package ai.devbot.simulator.llm.gemini;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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

/** Google's Generative Language API: {@code POST /v1beta/models/{model}:generateContent}. */
@Path("/v1beta/models")
@Tag(name = "Simulated Gemini provider")
public class GeminiResource {

    private static final AtomicLong IDS = new AtomicLong();

    private final ScenarioEngine engine;
    private final ApiKeyCheck keys;
    private final ObjectMapper json;

    public GeminiResource(ScenarioEngine engine, ApiKeyCheck keys, ObjectMapper json) {
        this.engine = engine;
        this.keys = keys;
        this.json = json;
    }

    @POST
    @Path("/{modelAndMethod}")
    @Consumes(MediaType.WILDCARD)
    @Produces({ MediaType.APPLICATION_JSON, "text/event-stream" })
    @Operation(summary = "generateContent, or streamGenerateContent?alt=sse (with usageMetadata token counts)")
    public Uni<Response> generate(@PathParam("modelAndMethod") String modelAndMethod,
            @HeaderParam("x-goog-api-key") String headerKey, @QueryParam("key") String queryKey, String rawBody) {
        int colon = modelAndMethod.lastIndexOf(':');
        String method = colon < 1 ? "" : modelAndMethod.substring(colon + 1);
        if (!method.equals("generateContent") && !method.equals("streamGenerateContent")) {
            return SimulatedAnswer.now(error(404, "Method not found: only models/{model}:generateContent and "
                    + ":streamGenerateContent are simulated.", "NOT_FOUND", null));
        }
        boolean stream = method.equals("streamGenerateContent");
        String model = modelAndMethod.substring(0, colon);
        String key = headerKey != null ? headerKey : queryKey;
        switch (keys.check(key)) {
            case MISSING -> {
                return SimulatedAnswer.now(error(403, "Method doesn't allow unregistered callers. Please use an API Key.",
                        "PERMISSION_DENIED", null));
            }
            case REJECTED -> {
                return SimulatedAnswer.now(error(400, "API key not valid. Please pass a valid API key.", "INVALID_ARGUMENT", null));
            }
            default -> {
            }
        }
        JsonNode body;
        try {
            body = json.readTree(rawBody);
        } catch (Exception e) {
            return SimulatedAnswer.now(error(400, "Invalid JSON payload received.", "INVALID_ARGUMENT", null));
        }
        if (body == null || !body.path("contents").isArray() || body.path("contents").isEmpty()) {
            return SimulatedAnswer.now(error(400, "* GenerateContentRequest.contents: contents is not specified", "INVALID_ARGUMENT", null));
        }
        List<Turn> turns = new ArrayList<>();
        JsonNode system = body.path("systemInstruction").isMissingNode() ? body.path("system_instruction")
                : body.path("systemInstruction");
        if (!system.isMissingNode()) {
            turns.add(new Turn("system", partsText(system.path("parts"))));
        }
        for (JsonNode content : body.get("contents")) {
            String role = content.path("role").asText("user");
            turns.add(new Turn(role.equals("model") ? "assistant" : role, partsText(content.path("parts"))));
        }
        JsonNode generation = body.path("generationConfig");
        Integer maxTokens = generation.hasNonNull("maxOutputTokens") ? generation.get("maxOutputTokens").asInt() : null;
        LlmReply reply = engine.answer(new LlmRequest(LlmRequest.Provider.GEMINI, model, key, turns, maxTokens));
        return SimulatedAnswer.after(reply, answer(reply, model, stream));
    }

    private Response answer(LlmReply reply, String model, boolean stream) {
        if (reply.isError()) {
            String status = switch (reply.status()) {
                case 429 -> "RESOURCE_EXHAUSTED";
                case 400 -> "INVALID_ARGUMENT";
                case 401 -> "UNAUTHENTICATED";
                case 403 -> "PERMISSION_DENIED";
                default -> "INTERNAL";
            };
            return error(reply.status(), reply.errorMessage(), status, reply.retryAfterSeconds());
        }
        String id = "devbot-sim-" + IDS.incrementAndGet();
        if (reply.malformedBody()) {
            String cut = "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\""
                    + reply.text().substring(0, Math.min(20, reply.text().length()));
            return SimulatedAnswer.marked(stream ? Response.ok("data: " + cut + "\r\n\r\n", "text/event-stream")
                    : Response.ok(cut, MediaType.APPLICATION_JSON));
        }
        if (stream) {
            return SimulatedAnswer.marked(Response.ok(events(reply, model, id), "text/event-stream"));
        }
        ObjectNode answer = response(reply, model, id, reply.text(), true);
        return SimulatedAnswer.marked(Response.ok(answer, MediaType.APPLICATION_JSON));
    }

    /**
     * As Gemini streams with {@code alt=sse}: the text in chunks, each a whole response object; the last carries
     * the finish reason and the token counts.
     */
    private String events(LlmReply reply, String model, String id) {
        String text = reply.text();
        int half = text.offsetByCodePoints(0, text.codePointCount(0, text.length()) / 2);
        StringBuilder events = new StringBuilder();
        List<String> parts = List.of(text.substring(0, half), text.substring(half));
        for (int i = 0; i < parts.size(); i++) {
            ObjectNode chunk = response(reply, model, id, parts.get(i), i == parts.size() - 1);
            events.append("data: ").append(chunk).append("\r\n\r\n");
        }
        return events.toString();
    }

    /** One generateContent response object; only the last (or only) one ends the answer and counts tokens. */
    private ObjectNode response(LlmReply reply, String model, String id, String text, boolean last) {
        ObjectNode answer = json.createObjectNode();
        ObjectNode candidate = answer.putArray("candidates").addObject();
        ObjectNode content = candidate.putObject("content");
        content.putArray("parts").addObject().put("text", text);
        content.put("role", "model");
        if (last) {
            candidate.put("finishReason", reply.truncated() ? "MAX_TOKENS" : "STOP");
        }
        candidate.put("index", 0);
        if (last) {
            ObjectNode usage = answer.putObject("usageMetadata");
            usage.put("promptTokenCount", reply.promptTokens());
            usage.put("candidatesTokenCount", reply.completionTokens());
            usage.put("totalTokenCount", reply.promptTokens() + reply.completionTokens());
        }
        answer.put("modelVersion", model + "-devbot-simulator");
        answer.put("responseId", id);
        return answer;
    }

    private static String partsText(JsonNode parts) {
        StringBuilder text = new StringBuilder();
        parts.forEach(part -> text.append(part.path("text").asText("")));
        return text.toString();
    }

    private Response error(int code, String message, String status, Integer retryAfter) {
        ObjectNode body = json.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("code", code);
        error.put("message", message);
        error.put("status", status);
        if (message.startsWith("API key not valid")) {
            // As Gemini sends it: a 400 whose details name the reason.
            ObjectNode info = error.putArray("details").addObject();
            info.put("@type", "type.googleapis.com/google.rpc.ErrorInfo");
            info.put("reason", "API_KEY_INVALID");
            info.put("domain", "googleapis.com");
        }
        Response.ResponseBuilder response = Response.status(code).entity(body).type(MediaType.APPLICATION_JSON);
        if (retryAfter != null) {
            response.header("Retry-After", retryAfter);
        }
        return SimulatedAnswer.marked(response);
    }
}
