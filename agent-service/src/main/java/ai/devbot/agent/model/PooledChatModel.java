package ai.devbot.agent.model;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.jboss.logging.Logger;

import jakarta.enterprise.util.TypeLiteral;

import ai.devbot.agent.config.AgentConfig;
import ai.devbot.agent.metering.CallScope;
import ai.devbot.agent.metering.ModelCall;
import ai.devbot.agent.metering.UsageMeter;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatResponseMetadata;
import dev.langchain4j.model.output.TokenUsage;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * A named model (architect, implementer) over a pool of keys. Each HTTP call takes the next
 * usable key and is metered on its own; a 429 rests the key, a refused key (invalid, revoked) is
 * disabled, and the call is retried (bounded, with backoff) on the next key. A refused request
 * (moderation, too long, no credit) fails at once and leaves the key alone — one user's prompt
 * can never disable keys for everyone ({@link CallFailure.Cause}). A circuit breaker per model stops calling a
 * provider that keeps failing. Delegates — one LangChain4j streaming model per key, built by
 * {@code modelForKey} — speak the wire protocol; no thread waits for their answer, nor for a retry's backoff
 * (docs/adr/0012-no-thread-per-wait.md).
 */
public class PooledChatModel {

    private static final Logger LOG = Logger.getLogger(PooledChatModel.class);
    private static final String SIMULATOR_MARK = "devbot-simulator";
    private static final TypeLiteral<Uni<ChatResponse>> ANSWER = new TypeLiteral<>() {
    };

    private final String name;
    private final String provider;
    private final AgentConfig.Model config;
    private final ApiKeyPool keys;
    private final Function<String, StreamingChatModel> modelForKey;
    private final Map<String, StreamingChatModel> byAlias = new ConcurrentHashMap<>();
    private final UsageMeter meter;
    private final Guard guard;
    private volatile CircuitBreakerState circuit = CircuitBreakerState.CLOSED;

    public PooledChatModel(String name, String provider, AgentConfig.Model config, ApiKeyPool keys,
            Function<String, StreamingChatModel> modelForKey, UsageMeter meter) {
        this.name = name;
        this.provider = provider;
        this.config = config;
        this.keys = keys;
        this.modelForKey = modelForKey;
        this.meter = meter;
        this.guard = Guard.create()
                .withRetry().maxRetries(config.maxRetries()).delay(config.retryDelay().toMillis(), ChronoUnit.MILLIS)
                .retryOn(List.of(ModelCallException.Transient.class, ModelCallException.KeyRefused.class))
                .withExponentialBackoff().factor(2).maxDelay(30, ChronoUnit.SECONDS).done().done()
                .withCircuitBreaker().name("model-" + name).requestVolumeThreshold(8).failureRatio(0.75)
                .delay(30, ChronoUnit.SECONDS).failOn(ModelCallException.Transient.class)
                .onStateChange(state -> {
                    circuit = state;
                    LOG.warnf("circuit of model %s (%s) is now %s", name, provider, state);
                }).done()
                .withThreadOffload(false)
                .build();
    }

    public String name() {
        return name;
    }

    public String providerName() {
        return provider;
    }

    public String modelId() {
        return config.model();
    }

    public ApiKeyPool keys() {
        return keys;
    }

    public CircuitBreakerState circuit() {
        return circuit;
    }

    /** The model's answer to a system and a user message, each HTTP call metered to {@code scope}. */
    public Uni<String> answer(CallScope scope, String system, String user) {
        ChatRequest request = ChatRequest.builder()
                .messages(List.of(SystemMessage.from(system), UserMessage.from(user))).build();
        return chat(scope, request).map(PooledChatModel::answerText);
    }

    private Uni<ChatResponse> chat(CallScope scope, ChatRequest request) {
        return guard.get(() -> Uni.createFrom().deferred(() -> once(scope, request)), ANSWER)
                .onFailure(CircuitBreakerOpenException.class).transform(e -> new ModelCallException(
                        name + " (" + provider + ") keeps failing; calls are paused for a while", 503, e))
                .onFailure(e -> !(e instanceof ModelCallException || e instanceof NoUsableKeyException))
                .transform(e -> new ModelCallException(name + " (" + provider + ") call failed: " + e.getMessage(), -1, e));
    }

    private Uni<ChatResponse> once(CallScope scope, ChatRequest request) {
        ApiKeyPool.Lease lease = keys.lease();
        StreamingChatModel model = byAlias.computeIfAbsent(lease.alias(), alias -> modelForKey.apply(lease.key()));
        return Uni.createFrom().<ChatResponse>emitter(answer -> model.chat(request, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
                // The whole answer is used, once it is complete.
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                answer.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                answer.fail(error);
            }
        }))
                // Metering publishes to Kafka and the caller reads the answer: neither belongs on the event loop.
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .onFailure().transform(e -> failed(scope, lease, e))
                .map(response -> answered(scope, lease, request, response));
    }

    private RuntimeException failed(CallScope scope, ApiKeyPool.Lease lease, Throwable e) {
        CallFailure failure = CallFailure.of(e);
        meter.record(scope, new ModelCall(provider, config.model(), lease.alias(), 0, 0, false, false, false,
                failure.shortMessage()));
        String what = name + " (" + provider + ", key " + lease.alias() + "): HTTP " + failure.status() + " "
                + failure.shortMessage();
        if (failure.keyRefused()) {
            keys.disable(lease.alias(), "HTTP " + failure.status());
            LOG.warnf("key %s of %s is disabled: %s", lease.alias(), name, what);
            return new ModelCallException.KeyRefused(what, failure.status(), e);
        }
        if (failure.requestRefused()) {
            // The request, not the key: this call fails with words for its user, every other call goes on.
            LOG.infof("%s refused a request: %s", name, what);
            return new ModelCallException.RequestRefused(failure.refusalForUser(), failure.status(), e);
        }
        if (failure.rateLimited()) {
            keys.rest(lease.alias(), config.cooldown());
        }
        if (failure.transientFailure()) {
            LOG.infof("%s failed and may be retried: %s", name, what);
            return new ModelCallException.Transient(what, failure.status(), e);
        }
        return new ModelCallException(what, failure.status(), e);
    }

    private ChatResponse answered(CallScope scope, ApiKeyPool.Lease lease, ChatRequest request, ChatResponse response) {
        keys.worked(lease.alias());
        TokenUsage usage = response.tokenUsage();
        boolean estimated = usage == null || usage.inputTokenCount() == null || usage.outputTokenCount() == null;
        long input = estimated ? TokenEstimator.count(promptText(request.messages())) : usage.inputTokenCount();
        long output = estimated ? TokenEstimator.count(answerText(response)) : usage.outputTokenCount();
        meter.record(scope, new ModelCall(provider, config.model(), lease.alias(), input, output, estimated, true,
                simulated(response), null));
        return response;
    }

    /** The simulator marks its answers (docs/contracts/llm): Gemini in modelVersion, OpenAI in system_fingerprint. */
    static boolean simulated(ChatResponse response) {
        var metadata = response.metadata();
        if (metadata == null) {
            return false;
        }
        if (metadata.modelName() != null && metadata.modelName().endsWith(SIMULATOR_MARK)) {
            return true;
        }
        return metadata instanceof OpenAiChatResponseMetadata openAi
                && SIMULATOR_MARK.equals(openAi.systemFingerprint());
    }

    private static String promptText(List<ChatMessage> messages) {
        var text = new StringBuilder();
        for (ChatMessage message : messages) {
            if (message instanceof SystemMessage system) {
                text.append(system.text()).append('\n');
            } else if (message instanceof UserMessage user && user.hasSingleText()) {
                text.append(user.singleText()).append('\n');
            } else if (message instanceof AiMessage ai && ai.text() != null) {
                text.append(ai.text()).append('\n');
            }
        }
        return text.toString();
    }

    private static String answerText(ChatResponse response) {
        return response.aiMessage() == null || response.aiMessage().text() == null ? "" : response.aiMessage().text();
    }
}
