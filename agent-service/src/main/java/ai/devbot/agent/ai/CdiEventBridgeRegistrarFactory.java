package ai.devbot.agent.ai;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.event.Event;

import dev.langchain4j.observability.api.AiServiceListenerRegistrar;
import dev.langchain4j.observability.api.DefaultAiServiceListenerRegistrar;
import dev.langchain4j.observability.api.event.AiServiceEvent;
import dev.langchain4j.observability.api.listener.AiServiceListener;
import dev.langchain4j.spi.observability.AiServiceListenerRegistrarFactory;
import io.quarkiverse.langchain4j.observability.AiServiceSelectorLiteral;
import io.quarkiverse.langchain4j.observability.listener.AiServiceListenerAdapter;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;

/**
 * The AI services' event listeners (a LangChain4j service, found through
 * {@code META-INF/services}). quarkus-langchain4j bridges each of an AI service's events (started,
 * request issued, response received, completed…) to CDI observers with an adapter that selects a
 * new {@code Event} for every event it fires, so ArC resolves the observers again each time: 10 %
 * of the service's CPU per call under load (JFR, agent-service README#benchmark). This registrar
 * puts a bridge in each adapter's place that fires the same event with the same qualifier through
 * one {@code Event} selected on first use, whose resolved observers ArC keeps.
 */
public final class CdiEventBridgeRegistrarFactory implements AiServiceListenerRegistrarFactory {

    @Override
    public AiServiceListenerRegistrar get() {
        return new Registrar();
    }

    static final class Registrar extends DefaultAiServiceListenerRegistrar {

        private final Map<AiServiceListener<?>, AiServiceListener<?>> bridges = new ConcurrentHashMap<>();

        @Override
        @SuppressWarnings("unchecked") // the bridge stored for an adapter of T listens to T
        public <T extends AiServiceEvent> void register(AiServiceListener<T> listener) {
            super.register(listener instanceof AiServiceListenerAdapter<T> adapter
                    ? (SelectOnceBridge<T>) bridges.computeIfAbsent(adapter, ignored -> new SelectOnceBridge<>(adapter))
                    : listener);
        }

        @Override
        @SuppressWarnings("unchecked") // as in register
        public <T extends AiServiceEvent> void unregister(AiServiceListener<T> listener) {
            AiServiceListener<?> bridge = bridges.remove(listener);
            super.unregister(bridge == null ? listener : (AiServiceListener<T>) bridge);
        }
    }

    /** Fires what {@link AiServiceListenerAdapter} fires: the event, qualified by its AI service's class. */
    static final class SelectOnceBridge<T extends AiServiceEvent> implements AiServiceListener<T> {

        private final AiServiceListenerAdapter<T> adapter;
        private volatile Event<T> event;

        SelectOnceBridge(AiServiceListenerAdapter<T> adapter) {
            this.adapter = adapter;
        }

        @Override
        public Class<T> getEventClass() {
            return adapter.getEventClass();
        }

        @Override
        public void onEvent(T fired) {
            Event<T> selected = event;
            if (selected == null) {
                ArcContainer container = Arc.container();
                if (container == null) {
                    return; // shutting down, as the adapter does
                }
                selected = event = container.beanManager().getEvent().select(adapter.getEventClass(),
                        AiServiceSelectorLiteral.builder().aiServiceClass(adapter.aiServiceClass()).build());
            }
            selected.fire(fired);
        }
    }
}
