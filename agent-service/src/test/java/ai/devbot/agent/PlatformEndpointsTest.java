package ai.devbot.agent;

import java.util.List;

import ai.devbot.testsupport.PlatformEndpointsContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class PlatformEndpointsTest extends PlatformEndpointsContract {

    @Override
    protected List<String> expectedReadinessChecks() {
        return List.of("Kafka broker", "Model providers");
    }
}
