package ai.devbot.testsupport;

/**
 * The local credentials that {@code deploy/local/devbot} generates into its env file and exports
 * to the services and to the tests it runs.
 */
public final class PlatformCredentials {

    private PlatformCredentials() {
    }

    public static String operatorPassword() {
        return required("DEVBOT_OPERATOR_PASSWORD");
    }

    public static String servicePassword() {
        return required("DEVBOT_SERVICE_PASSWORD");
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: run the tests with 'deploy/local/devbot test', "
                    + "or export the variables of the file 'deploy/local/devbot env' prints");
        }
        return value;
    }
}
