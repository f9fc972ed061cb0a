package ai.devbot.gateway.ingress.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import ai.devbot.gateway.config.GatewayConfig;

/**
 * Checks a Stars pre-checkout offline, inside Telegram's 10-second window: the invoice payload
 * billing signed ({@code v1.<pack>.<stars>.<userId>.<issuedEpochSeconds>.<signature>}, the
 * signature being the first 16 bytes of HMAC-SHA256 over the rest, base64url), the amount, the
 * currency, the payer and the invoice's age. The refusal reasons are shown to the user by Telegram.
 */
@ApplicationScoped
public class InvoicePayloadVerifier {

    private static final Pattern PAYLOAD = Pattern.compile(
            "v1\\.([a-z0-9-]{1,20})\\.(\\d{1,6})\\.(\\d{1,19})\\.(\\d{1,12})\\.([A-Za-z0-9_-]{22})");
    private static final int SIGNATURE_BYTES = 16;

    public record Verdict(boolean ok, String errorMessage) {
        static final Verdict OK = new Verdict(true, null);

        static Verdict refuse(String reason) {
            return new Verdict(false, reason);
        }
    }

    private final SecretKeySpec key;
    private final Duration ttl;
    private final Clock clock;

    @Inject
    public InvoicePayloadVerifier(GatewayConfig config) {
        this(config.payments().signingKey(), config.payments().invoiceTtl(), Clock.systemUTC());
    }

    InvoicePayloadVerifier(String signingKey, Duration ttl, Clock clock) {
        if (signingKey.length() < 16) {
            throw new IllegalStateException("STARS_PAYLOAD_SIGNING_KEY must have at least 16 characters");
        }
        this.key = new SecretKeySpec(signingKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.ttl = ttl;
        this.clock = clock;
    }

    public Verdict verify(String payload, String currency, long totalAmount, long payerId) {
        Matcher parts = payload == null ? null : PAYLOAD.matcher(payload);
        if (parts == null || !parts.matches() || !signatureMatches(payload, parts.group(5))) {
            return Verdict.refuse("This invoice was not issued by this bot. Send /buy for a new one.");
        }
        if (!"XTR".equals(currency) || totalAmount != Long.parseLong(parts.group(2))) {
            return Verdict.refuse("The amount does not match this invoice. Send /buy for a new one.");
        }
        if (payerId != Long.parseLong(parts.group(3))) {
            return Verdict.refuse("This invoice was issued to another account. Send /buy for your own.");
        }
        Instant issued = Instant.ofEpochSecond(Long.parseLong(parts.group(4)));
        if (issued.plus(ttl).isBefore(clock.instant())) {
            return Verdict.refuse("This invoice has expired. Send /buy for a new one.");
        }
        return Verdict.OK;
    }

    private boolean signatureMatches(String payload, String encodedSignature) {
        String body = payload.substring(0, payload.lastIndexOf('.'));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] expected = Arrays.copyOf(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)), SIGNATURE_BYTES);
            return MessageDigest.isEqual(expected, Base64.getUrlDecoder().decode(encodedSignature));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
