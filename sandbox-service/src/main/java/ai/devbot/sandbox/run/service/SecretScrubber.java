package ai.devbot.sandbox.run.service;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Removes this service's own secrets from anything a run reports. A sandbox sees none of them (empty
 * environment, no view of the host); this is the second lock, so a leak elsewhere still never reaches a reply.
 */
@ApplicationScoped
public class SecretScrubber {

    static final String REDACTED = "[redacted]";
    /** Shorter values would match ordinary text; generated secrets are 64 hex characters. */
    private static final int MIN_SECRET = 8;

    private final List<String> secrets;

    SecretScrubber(@ConfigProperty(name = "devbot.security.users.operator.password") Optional<String> operator,
            @ConfigProperty(name = "devbot.security.users.service.password") Optional<String> service,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> database) {
        this.secrets = java.util.stream.Stream.of(operator, service, database).flatMap(Optional::stream)
                .filter(s -> s.length() >= MIN_SECRET).distinct().toList();
    }

    public String scrub(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, REDACTED);
        }
        return out;
    }
}
