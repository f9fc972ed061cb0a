package ai.devbot.gateway.reply.document;

/** A document reference the gateway will not or cannot fetch; trying again would not help. */
public class DocumentRefusedException extends RuntimeException {

    public DocumentRefusedException(String message) {
        super(message);
    }
}
