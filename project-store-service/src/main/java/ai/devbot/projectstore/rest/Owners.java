package ai.devbot.projectstore.rest;

/** The {@code ownerId} every project call must name: the Telegram user the project belongs to. */
public final class Owners {

    private Owners() {
    }

    public static long require(Long ownerId) {
        if (ownerId == null || ownerId <= 0) {
            throw new IllegalArgumentException("ownerId (the Telegram user the project belongs to) is required");
        }
        return ownerId;
    }
}
