package ai.devbot.agent.model;

/** Every key of a provider is disabled or resting: the call fails at once instead of waiting. */
public class NoUsableKeyException extends RuntimeException {

    public NoUsableKeyException(String provider, String why) {
        super("no usable " + provider + " API key: " + why);
    }
}
