package ai.devbot.simulator.telegram.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The Bot API's objects, serialised with Telegram's snake_case names; absent fields are omitted. */
public final class TelegramTypes {

    private TelegramTypes() {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record User(long id, boolean isBot, String firstName, String lastName, String username, String languageCode,
            Boolean canJoinGroups, Boolean canReadAllGroupMessages, Boolean supportsInlineQueries) {

        public static User person(long id, String firstName, String username, String languageCode) {
            return new User(id, false, firstName, null, username, languageCode, null, null, null);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Chat(long id, String type, String firstName, String username) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MessageEntity(String type, int offset, int length, String url, String language) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Document(String fileId, String fileUniqueId, String fileName, String mimeType, Long fileSize) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Invoice(String title, String description, String startParameter, String currency, long totalAmount) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SuccessfulPayment(String currency, long totalAmount, String invoicePayload,
            String telegramPaymentChargeId, String providerPaymentChargeId) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Message(long messageId, User from, Chat chat, long date, Long editDate, String text,
            List<MessageEntity> entities, String caption, List<MessageEntity> captionEntities, Document document,
            Invoice invoice, SuccessfulPayment successfulPayment, JsonNode replyMarkup) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CallbackQuery(String id, User from, Message message, String chatInstance, String data) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PreCheckoutQuery(String id, User from, String currency, long totalAmount, String invoicePayload) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WebhookInfo(String url, boolean hasCustomCertificate, int pendingUpdateCount, Long lastErrorDate,
            String lastErrorMessage, Integer maxConnections, List<String> allowedUpdates) {
    }
}
