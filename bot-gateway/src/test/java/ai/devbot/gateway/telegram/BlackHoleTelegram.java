package ai.devbot.gateway.telegram;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A Bot API address that accepts connections and never answers (every call times out) until
 * {@link #refuse()} closes it (every call is refused). The gateway gets a realistic token to leak.
 */
public class BlackHoleTelegram implements QuarkusTestResourceLifecycleManager {

    public static final String TOKEN = "987654321:AAHleakCanaryZq1xW2ec3rV4tb5yN6um7";
    private static ServerSocket server;
    private static final List<Socket> held = new CopyOnWriteArrayList<>();

    @Override
    public Map<String, String> start() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    held.add(server.accept());
                } catch (IOException e) {
                    return;
                }
            }
        }, "black-hole-telegram");
        acceptor.setDaemon(true);
        acceptor.start();
        return Map.of("gateway.telegram.api-url", "http://127.0.0.1:" + server.getLocalPort(),
                "gateway.telegram.bot-token", TOKEN, "gateway.telegram.call-timeout", "400ms",
                "gateway.egress.max-attempts", "2");
    }

    /** Started after the simulator every test class shares, so this address wins over the simulator's. */
    @Override
    public int order() {
        return 1000;
    }

    /** From now on every connection is refused (the port is closed). */
    public static void refuse() throws IOException {
        server.close();
        for (Socket socket : held) {
            socket.close();
        }
    }

    @Override
    public void stop() {
        try {
            refuse();
        } catch (IOException e) {
            // closing only
        }
    }
}
