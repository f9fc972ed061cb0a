package ai.devbot.simulator.llm.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import ai.devbot.simulator.config.SimulatorConfig;
import ai.devbot.simulator.llm.LlmReply;
import ai.devbot.simulator.llm.LlmRequest;
import ai.devbot.simulator.llm.TokenCounter;
import ai.devbot.simulator.llm.scenario.ScenarioRule.Fault;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Decides every simulated answer: the first scripted rule that matches and still has uses left,
 * else the built-in scenario. Keeps a log of what was asked and answered (key aliases only).
 */
@ApplicationScoped
public class ScenarioEngine {

    private static final Logger LOG = Logger.getLogger(ScenarioEngine.class);

    @RegisterForReflection(registerFullHierarchy = true)
    public record Scenario(List<ScenarioRule> rules) {
    }

    public record LoggedRequest(long number, Instant at, String provider, String model, String operation,
            String keyAlias, int status, long promptTokens, long completionTokens, String rule) {
    }

    private static final class ActiveRule {
        final ScenarioRule rule;
        int used;

        ActiveRule(ScenarioRule rule) {
            this.rule = rule;
        }

        boolean available() {
            return rule.times() == null || used < rule.times();
        }
    }

    private final SimulatorConfig.Llm config;
    private final BuiltInScenario builtIn;
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    private final List<ActiveRule> rules = new ArrayList<>();
    private static final int LOG_LIMIT = 10_000;
    private final List<LoggedRequest> log = new ArrayList<>();
    private long logged;

    public ScenarioEngine(SimulatorConfig config, BuiltInScenario builtIn) {
        this.config = config.llm();
        this.builtIn = builtIn;
    }

    void loadFiles(@Observes StartupEvent event) {
        for (Path file : config.scenarioFiles().orElse(List.of())) {
            try {
                add(parse(Files.readString(file)));
                LOG.infof("loaded scenario file %s", file);
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalStateException("scenario file " + file + " cannot be used: " + e.getMessage(), e);
            }
        }
    }

    /** Parses YAML or JSON (JSON is YAML): {@code rules: [...]}. */
    public Scenario parse(String text) {
        try {
            Scenario scenario = yaml.readValue(text, new TypeReference<>() {
            });
            if (scenario == null || scenario.rules() == null) {
                throw new IllegalArgumentException("a scenario needs a 'rules' list");
            }
            scenario.rules().forEach(ScenarioRule::validate);
            return scenario;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not a valid scenario: " + e.getOriginalMessage());
        }
    }

    public synchronized void add(Scenario scenario) {
        scenario.rules().forEach(rule -> rules.add(new ActiveRule(rule)));
    }

    public synchronized void clear() {
        rules.clear();
        log.clear();
        logged = 0;
    }

    public synchronized List<LoggedRequest> log() {
        return List.copyOf(log);
    }

    public LlmReply answer(LlmRequest request) {
        Optional<ScenarioRule> rule = claim(request);
        LlmReply reply = rule.map(r -> scripted(r, request)).orElseGet(() -> completion(builtIn.answer(request),
                request, null, null));
        synchronized (this) {
            if (log.size() >= LOG_LIMIT) {
                // Keep the newest: a benchmark's millions of requests must not fill the heap.
                log.subList(0, LOG_LIMIT / 2).clear();
            }
            logged++;
            log.add(new LoggedRequest(logged, Instant.now(), request.provider().name().toLowerCase(),
                    request.model(), request.operation(), request.keyAlias(), reply.status(), reply.promptTokens(),
                    reply.completionTokens(), reply.rule()));
        }
        return reply;
    }

    private synchronized Optional<ScenarioRule> claim(LlmRequest request) {
        for (ActiveRule active : rules) {
            if (active.available() && (active.rule.match() == null || active.rule.match().matches(request))) {
                active.used++;
                return Optional.of(active.rule);
            }
        }
        return Optional.empty();
    }

    private LlmReply scripted(ScenarioRule rule, LlmRequest request) {
        ScenarioRule.Respond respond = rule.respond();
        String name = rule.name() == null ? "scripted" : rule.name();
        LlmReply reply;
        if (respond.fault() == null) {
            reply = completion(respond.text() != null ? respond.text() : builtIn.answer(request), request,
                    respond.usage(), name);
        } else {
            reply = switch (Fault.parse(respond.fault())) {
                case RATE_LIMIT -> LlmReply.error(429, "Rate limit exceeded (simulated)",
                        respond.retryAfterSeconds() == null ? 1 : respond.retryAfterSeconds(), name);
                case UNAUTHORIZED -> LlmReply.error(401, "Invalid API key (simulated)", null, name);
                case FORBIDDEN -> LlmReply.error(403, "This key may not use this model (simulated)", null, name);
                case INVALID_KEY -> LlmReply.error(request.provider() == LlmRequest.Provider.GEMINI ? 400 : 401,
                        "API key not valid. Please pass a valid API key. (simulated)", null, name);
                case MODERATION -> LlmReply.error(403, LlmReply.MODERATION_MESSAGE, null, name);
                case CONTEXT_TOO_LONG -> LlmReply.error(400, "This endpoint's maximum context length is 262144 tokens. "
                        + "However, you requested about 300000 tokens. Please reduce the length of the messages. "
                        + "(simulated)", null, name);
                case CREDITS_EXHAUSTED -> LlmReply.error(402, "Insufficient credits. This account never purchased "
                        + "credits. Add more at https://openrouter.ai/settings/credits (simulated)", null, name);
                case SERVER_ERROR -> LlmReply.error(500, "Internal error (simulated)", null, name);
                case MALFORMED_JSON -> completion(builtIn.answer(request), request, respond.usage(), name).asMalformed();
                case TRUNCATED -> {
                    LlmReply full = completion(respond.text() != null ? respond.text() : builtIn.answer(request),
                            request, respond.usage(), name);
                    String cut = full.text().substring(0, full.text().length() / 2);
                    yield full.asTruncated(cut, TokenCounter.count(cut));
                }
                case EDIT_MISMATCH -> completion(builtIn.implement(request, true), request, respond.usage(), name);
                case FAILING_TESTS -> completion(builtIn.implement(request, false, true), request, respond.usage(), name);
                case REVIEW_REJECT -> completion(builtIn.review(false, List.of(respond.problem() != null
                        ? respond.problem() : "The acceptance criteria are not met: add the missing behaviour.")),
                        request, respond.usage(), name);
            };
        }
        return respond.delayMs() == null ? reply : reply.delayed(respond.delayMs());
    }

    private static LlmReply completion(String text, LlmRequest request, ScenarioRule.Usage usage, String rule) {
        long prompt = usage != null && usage.inputTokens() != null ? usage.inputTokens()
                : TokenCounter.count(request.promptText());
        long completion = usage != null && usage.outputTokens() != null ? usage.outputTokens()
                : TokenCounter.count(text);
        return LlmReply.completion(text, prompt, completion, rule);
    }
}
