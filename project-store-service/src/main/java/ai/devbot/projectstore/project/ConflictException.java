package ai.devbot.projectstore.project;

/** The request is valid but would overwrite newer work (409); the message says what to do first. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
