package ai.devbot.agent.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;

import ai.devbot.agent.metering.CallScope;
import ai.devbot.testsupport.SimulatorResource;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.observability.api.AiServiceListenerRegistrar;
import dev.langchain4j.observability.api.event.AiServiceCompletedEvent;
import dev.langchain4j.observability.api.event.AiServiceRequestIssuedEvent;
import dev.langchain4j.observability.api.event.AiServiceStartedEvent;
import io.quarkiverse.langchain4j.observability.AiServiceEvents;
import io.quarkiverse.langchain4j.observability.AiServiceSelector;
import io.quarkiverse.langchain4j.observability.listener.AiServiceListenerAdapter;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** The AI services' events still reach CDI observers through {@link CdiEventBridgeRegistrarFactory}, qualified by service. */
@QuarkusTest
@QuarkusTestResource(value = SimulatorResource.class, initArgs = @ResourceArg(name = "urls",
        value = "agent.models.architect.base-url=/v1beta,agent.models.implementer.base-url=/v1"))
class AiServiceEventsTest {

    @Inject
    Architect architect;

    @Inject
    Heard heard;

    @Test
    void aiServicesGetTheBridgeThatSelectsTheirEventOnce() {
        assertInstanceOf(CdiEventBridgeRegistrarFactory.Registrar.class, AiServiceListenerRegistrar.newInstance());
    }

    @Test
    void observersHearEachCallOfTheServiceTheySelectAndNoOther() {
        heard.events.clear();
        for (int call = 1; call <= 2; call++) {
            try (CallScope scope = CallScope.open("review", "job-events-" + call, 42L, null, null)) {
                architect.answer("You review changes.", "Review this change: +print('hi')");
            }
        }
        assertEquals(List.of("architect started", "architect request issued", "architect completed",
                "architect started", "architect request issued", "architect completed"), heard.events);
    }

    @Test
    void anUnregisteredAdapterTakesItsBridgeAlong() {
        var registrar = new CdiEventBridgeRegistrarFactory.Registrar();
        AiServiceListenerAdapter<AiServiceStartedEvent> adapter = AiServiceEvents.STARTED.createListener(Architect.class);
        AiServiceStartedEvent started = AiServiceStartedEvent.builder()
                .invocationContext(InvocationContext.builder().interfaceName(Architect.class.getName()).methodName("answer")
                        .timestampNow().build())
                .userMessage(UserMessage.from("Review this change")).build();
        heard.events.clear();
        registrar.register(adapter);
        registrar.fireEvent(started);
        registrar.unregister(adapter);
        registrar.fireEvent(started);
        assertEquals(List.of("architect started"), heard.events);
    }

    @Singleton // no client proxy: the test reads the field
    static class Heard {

        final List<String> events = new CopyOnWriteArrayList<>();

        void started(@Observes @AiServiceSelector(Architect.class) AiServiceStartedEvent event) {
            events.add("architect started");
        }

        void requestIssued(@Observes @AiServiceSelector(Architect.class) AiServiceRequestIssuedEvent event) {
            events.add("architect request issued");
        }

        void completed(@Observes @AiServiceSelector(Architect.class) AiServiceCompletedEvent event) {
            events.add("architect completed");
        }

        void implementerCompleted(@Observes @AiServiceSelector(Implementer.class) AiServiceCompletedEvent event) {
            events.add("implementer completed");
        }
    }
}
