package ai.devbot.simulator.llm;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import ai.devbot.simulator.config.SimulatorConfig;

/** Which keys the simulated providers accept: the configured list, or any non-blank key. */
@ApplicationScoped
public class ApiKeyCheck {

    public enum Verdict {
        MISSING, REJECTED, ACCEPTED
    }

    private final List<String> accepted;

    public ApiKeyCheck(SimulatorConfig config) {
        this.accepted = config.llm().acceptedKeys().orElse(List.of());
    }

    public Verdict check(String key) {
        if (key == null || key.isBlank()) {
            return Verdict.MISSING;
        }
        if (accepted.isEmpty()) {
            return Verdict.ACCEPTED;
        }
        byte[] given = key.getBytes(StandardCharsets.UTF_8);
        boolean known = false;
        for (String candidate : accepted) {
            known |= MessageDigest.isEqual(given, candidate.getBytes(StandardCharsets.UTF_8));
        }
        return known ? Verdict.ACCEPTED : Verdict.REJECTED;
    }
}
