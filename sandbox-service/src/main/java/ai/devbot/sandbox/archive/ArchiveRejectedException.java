package ai.devbot.sandbox.archive;

/** The project archive cannot be run as it is: the message says what is wrong with it. */
public class ArchiveRejectedException extends Exception {

    public ArchiveRejectedException(String message) {
        super(message);
    }
}
