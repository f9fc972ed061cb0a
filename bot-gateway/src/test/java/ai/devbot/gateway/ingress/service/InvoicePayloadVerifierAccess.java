package ai.devbot.gateway.ingress.service;

import java.time.Clock;
import java.time.Duration;

/** Builds the verifier with a fixed clock for tests (its constructor is package-private). */
public final class InvoicePayloadVerifierAccess {

    private InvoicePayloadVerifierAccess() {
    }

    public static InvoicePayloadVerifier create(String key, Duration ttl, Clock clock) {
        return new InvoicePayloadVerifier(key, ttl, clock);
    }
}
