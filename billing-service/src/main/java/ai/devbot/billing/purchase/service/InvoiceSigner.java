package ai.devbot.billing.purchase.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import ai.devbot.billing.config.BillingConfig;
import ai.devbot.billing.error.BillingException;

/**
 * Invoice payloads the gateway can check offline within Telegram's 10 s pre-checkout window:
 * {@code v1.<pack>.<stars>.<userId>.<issuedEpochSeconds>.<signature>}, the signature being the first
 * 16 bytes of HMAC-SHA256 over everything before it, base64url — at most 128 bytes as Telegram allows.
 */
@ApplicationScoped
public class InvoiceSigner {

    private static final Pattern PAYLOAD = Pattern.compile(
            "v1\\.([a-z0-9-]{1,20})\\.(\\d{1,6})\\.(\\d{1,19})\\.(\\d{1,12})\\.([A-Za-z0-9_-]{22})");
    private static final int SIGNATURE_BYTES = 16;

    public record Payload(String packId, int stars, long userId, Instant issuedAt) {
    }

    private final byte[] key;

    public InvoiceSigner(BillingConfig config) {
        this.key = config.invoiceSigningKey().getBytes(StandardCharsets.UTF_8);
        if (key.length < 16) {
            throw new IllegalStateException("STARS_PAYLOAD_SIGNING_KEY must have at least 16 characters");
        }
    }

    public String sign(String packId, int stars, long userId, Instant issuedAt) {
        String body = "v1." + packId + "." + stars + "." + userId + "." + issuedAt.getEpochSecond();
        return body + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature(body));
    }

    public Payload verify(String payload) {
        Matcher parts = payload == null ? null : PAYLOAD.matcher(payload);
        if (parts == null || !parts.matches()) {
            throw BillingException.invalid("invoice payload is not one of ours");
        }
        String body = payload.substring(0, payload.lastIndexOf('.'));
        byte[] given = Base64.getUrlDecoder().decode(parts.group(5));
        if (!MessageDigest.isEqual(given, signature(body))) {
            throw BillingException.invalid("invoice payload signature does not match");
        }
        return new Payload(parts.group(1), Integer.parseInt(parts.group(2)), Long.parseLong(parts.group(3)),
                Instant.ofEpochSecond(Long.parseLong(parts.group(4))));
    }

    private byte[] signature(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Arrays.copyOf(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)), SIGNATURE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
