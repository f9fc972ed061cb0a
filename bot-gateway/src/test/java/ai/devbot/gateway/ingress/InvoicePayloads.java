package ai.devbot.gateway.ingress;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signs invoice payloads the way billing does (docs: billing-service README), for tests. */
public final class InvoicePayloads {

    private InvoicePayloads() {
    }

    public static String sign(String key, String pack, long stars, long userId, Instant issuedAt) {
        String body = "v1." + pack + "." + stars + "." + userId + "." + issuedAt.getEpochSecond();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signature = Arrays.copyOf(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)), 16);
            return body + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
