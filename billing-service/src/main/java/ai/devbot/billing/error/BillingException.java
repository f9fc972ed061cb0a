package ai.devbot.billing.error;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refusal with an HTTP status, a stable code and the numbers behind it, answered as
 * {@code {"code": …, "error": …, …details}}.
 */
public class BillingException extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, Object> details;

    public BillingException(int status, String code, String message, Map<String, Object> details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = details;
    }

    public static BillingException notFound(String what) {
        return new BillingException(404, "NOT_FOUND", what + " not found", Map.of());
    }

    public static BillingException invalid(String message) {
        return new BillingException(400, "INVALID", message, Map.of());
    }

    public static BillingException conflict(String message) {
        return new BillingException(409, "CONFLICT", message, Map.of());
    }

    public static BillingException insufficientCredits(long balance, long reserved, long requested) {
        long available = balance - reserved;
        Map<String, Object> numbers = new LinkedHashMap<>();
        numbers.put("balance", balance);
        numbers.put("reserved", reserved);
        numbers.put("available", available);
        numbers.put("requested", requested);
        numbers.put("shortfall", requested - available);
        return new BillingException(402, "INSUFFICIENT_CREDITS", "Not enough credits: " + requested
                + " requested, " + available + " available", numbers);
    }

    public int status() {
        return status;
    }

    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("error", getMessage());
        body.putAll(details);
        return body;
    }
}
