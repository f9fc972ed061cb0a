package ai.devbot.projectstore.project;

/** Unknown — or someone else's: the answer is the same 404, so existence is never revealed. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
