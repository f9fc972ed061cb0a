package ai.devbot.orchestrator.support;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Which orchestrator process this is — host name (the pod's name on Kubernetes) and PID — so a job's
 * history says where each step ran: after a crash, a redelivery or with several replicas, an operator
 * (and the crash test) sees which process did what.
 */
public final class Instance {

    public static final String ID = hostName() + "/" + ProcessHandle.current().pid();

    private Instance() {
    }

    private static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
