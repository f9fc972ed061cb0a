package ai.devbot.sandbox;

import java.util.List;

import ai.devbot.sandbox.run.FakeProjectStore;
import ai.devbot.testsupport.PlatformEndpointsContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(FakeProjectStore.class)
class PlatformEndpointsTest extends PlatformEndpointsContract {

    @Override
    protected List<String> expectedReadinessChecks() {
        return List.of("Reactive PostgreSQL connections health check", "Sandbox runner", "Kafka broker");
    }
}
