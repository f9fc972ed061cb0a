package ai.devbot.agent.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import ai.devbot.agent.model.CallFailure.Cause;

/** Whose fault a failed call is, from the providers' documented status codes and error bodies. */
class CallFailureTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // OpenRouter
            "401|{\"error\":{\"code\":401,\"message\":\"No auth credentials found\"}}|KEY_REFUSED",
            "403|{\"error\":{\"code\":403,\"message\":\"Your chosen model requires moderation and your input was flagged\",\"metadata\":{\"reasons\":[\"harassment\"],\"flagged_input\":\"…\"}}}|REQUEST_REFUSED",
            "403|{\"error\":{\"code\":403,\"message\":\"Key disabled\"}}|KEY_REFUSED",
            "402|{\"error\":{\"code\":402,\"message\":\"Insufficient credits\"}}|REQUEST_REFUSED",
            "400|{\"error\":{\"code\":400,\"message\":\"This endpoint's maximum context length is 262144 tokens\"}}|REQUEST_REFUSED",
            "404|{\"error\":{\"code\":404,\"message\":\"No endpoints found for qwen/none\"}}|REQUEST_REFUSED",
            "408|{\"error\":{\"code\":408,\"message\":\"Request timed out\"}}|TRANSIENT",
            "429|{\"error\":{\"code\":429,\"message\":\"Rate limit exceeded\"}}|RATE_LIMITED",
            "502|{\"error\":{\"code\":502,\"message\":\"Provider returned error\"}}|TRANSIENT",
            "503|{\"error\":{\"code\":503,\"message\":\"No available model provider\"}}|TRANSIENT",
            // Gemini
            "400|{\"error\":{\"code\":400,\"message\":\"API key not valid. Please pass a valid API key.\",\"status\":\"INVALID_ARGUMENT\",\"details\":[{\"reason\":\"API_KEY_INVALID\"}]}}|KEY_REFUSED",
            "400|{\"error\":{\"code\":400,\"message\":\"The input token count exceeds the maximum\",\"status\":\"INVALID_ARGUMENT\"}}|REQUEST_REFUSED",
            "403|{\"error\":{\"code\":403,\"message\":\"Method doesn't allow unregistered callers\",\"status\":\"PERMISSION_DENIED\"}}|KEY_REFUSED",
            "500|{\"error\":{\"code\":500,\"status\":\"INTERNAL\"}}|TRANSIENT",
            // no answer at all
            "0|Connection refused|TRANSIENT" })
    void theCauseComesFromTheStatusAndTheBody(int status, String body, Cause cause) {
        assertEquals(cause, new CallFailure(status, body).cause());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "403|flagged|moderation flagged this request",
            "402|Insufficient credits|no credit left",
            "400|maximum context length is 262144 tokens|too long for the model",
            "404|No endpoints found|not available at its provider" })
    void aRefusalIsToldInOurWords(int status, String body, String words) {
        String told = new CallFailure(status, body).refusalForUser();
        assertEquals(true, told.contains(words), told);
    }
}
