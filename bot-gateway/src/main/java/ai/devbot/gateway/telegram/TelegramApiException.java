package ai.devbot.gateway.telegram;

import java.time.Duration;
import java.util.Optional;

/**
 * A Bot API call that did not succeed: Telegram's own error ({@code errorCode} ≥ 400 with its
 * description) or, with {@code errorCode} 0, no usable answer at all (network, timeout, garbage).
 * The message never contains the bot token.
 */
public class TelegramApiException extends RuntimeException {

    private final String method;
    private final int errorCode;
    private final String description;
    private final Duration retryAfter;

    public TelegramApiException(String method, int errorCode, String description, Duration retryAfter) {
        super(method + ": " + (errorCode == 0 ? "" : errorCode + " ") + description, null, false, false);
        this.method = method;
        this.errorCode = errorCode;
        this.description = description;
        this.retryAfter = retryAfter;
    }

    /** @param reason what failed, already without the token (TelegramBotApi redacts it) */
    public static TelegramApiException unreachable(String method, String reason) {
        return new TelegramApiException(method, 0, "no answer from the Bot API: " + reason, null);
    }

    public String method() {
        return method;
    }

    public int errorCode() {
        return errorCode;
    }

    public String description() {
        return description;
    }

    /** Telegram's flood control: wait this long before calling again for the same chat. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public boolean isFloodControl() {
        return errorCode == 429;
    }

    /** Worth trying again unchanged: no answer, a server error or flood control. */
    public boolean isTransient() {
        return errorCode == 0 || errorCode == 429 || errorCode >= 500;
    }

    public boolean isBadFormatting() {
        return errorCode == 400 && description.contains("can't parse entities");
    }

    public boolean isMessageNotModified() {
        return errorCode == 400 && description.contains("message is not modified");
    }

    public boolean isMessageGone() {
        return errorCode == 400 && (description.contains("message to edit not found")
                || description.contains("message can't be edited"));
    }
}
