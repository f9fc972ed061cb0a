package ai.devbot.orchestrator.client;

/** A platform service did not answer usefully after its retries; the user is asked to try again later. */
public class ServiceUnavailableException extends RuntimeException {

    public ServiceUnavailableException(String service, Throwable cause) {
        super(service + " is not answering right now: " + cause.getMessage(), cause);
    }

    public ServiceUnavailableException(String message) {
        super(message);
    }
}
