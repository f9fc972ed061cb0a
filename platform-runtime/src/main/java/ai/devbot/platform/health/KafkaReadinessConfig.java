package ai.devbot.platform.health;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "devbot.health.kafka")
public interface KafkaReadinessConfig {

    /** How long readiness waits for the broker before it reports DOWN. */
    @WithDefault("2s")
    Duration timeout();
}
