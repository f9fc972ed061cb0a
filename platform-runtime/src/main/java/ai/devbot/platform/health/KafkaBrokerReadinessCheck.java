package ai.devbot.platform.health;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.common.annotation.Identifier;

/**
 * Readiness of the Kafka broker, bounded in time. Quarkus's own Kafka check waits for the admin
 * client's default API timeout (a minute) while the broker is unreachable, so probes hang instead
 * of getting a 503; this one answers DOWN within {@code devbot.health.kafka.timeout}.
 */
@Readiness
@ApplicationScoped
public class KafkaBrokerReadinessCheck implements HealthCheck {

    static final String NAME = "Kafka broker";

    private final Map<String, Object> brokerConfig;
    private final KafkaReadinessConfig config;
    private AdminClient admin;

    @Inject
    public KafkaBrokerReadinessCheck(@Identifier("default-kafka-broker") Map<String, Object> brokerConfig,
            KafkaReadinessConfig config) {
        this.brokerConfig = brokerConfig;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        long timeoutMs = config.timeout().toMillis();
        try {
            var nodes = admin().describeCluster(new DescribeClusterOptions().timeoutMs((int) timeoutMs))
                    .nodes().get(timeoutMs, TimeUnit.MILLISECONDS);
            String described = nodes.stream().map(Node::toString).collect(Collectors.joining(","));
            return HealthCheckResponse.named(NAME).up().withData("nodes", described).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down("interrupted");
        } catch (Exception e) {
            return down("broker unreachable within " + timeoutMs + " ms: " + e.getClass().getSimpleName());
        }
    }

    private static HealthCheckResponse down(String reason) {
        return HealthCheckResponse.named(NAME).down().withData("reason", reason).build();
    }

    private synchronized AdminClient admin() {
        if (admin == null) {
            Map<String, Object> adminConfig = new HashMap<>();
            brokerConfig.forEach((key, value) -> {
                if (AdminClientConfig.configNames().contains(key)) {
                    adminConfig.put(key, value);
                }
            });
            int timeoutMs = (int) config.timeout().toMillis();
            adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
            adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
            adminConfig.put(AdminClientConfig.CLIENT_ID_CONFIG, "readiness-check");
            admin = AdminClient.create(adminConfig);
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close();
        }
    }
}
