package ai.devbot.projectstore.imports;

/** An upload over the configured size (413); the message gives the limit. */
public class UploadTooLargeException extends RuntimeException {

    public UploadTooLargeException(String message) {
        super(message);
    }
}
