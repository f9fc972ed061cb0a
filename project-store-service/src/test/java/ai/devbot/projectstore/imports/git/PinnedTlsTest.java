package ai.devbot.projectstore.imports.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * The TLS of a clone's HTTPS connection is layered only over a socket whose peer the clone may reach — judged
 * at the address actually connected to, not at an earlier lookup of the name — against a real TLS server on
 * loopback (the JDK's HttpsServer with a certificate for localhost made by keytool). The name still decides the
 * certificate check.
 */
class PinnedTlsTest {

    private static final char[] PASSWORD = "changeit".toCharArray();
    private static HttpsServer server;
    private static SSLContext client;

    @BeforeAll
    static void aTlsServerForLocalhost() throws Exception {
        Path dir = Files.createTempDirectory("devbot-tls-");
        Path store = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder("keytool", "-genkeypair", "-alias", "server", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit")
                .redirectErrorStream(true).start();
        String out = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, out);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD);
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(keyManagers.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
        server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        server.createContext("/", exchange -> {
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keys);
        client = SSLContext.getInstance("TLS");
        client.init(null, trust.getTrustManagers(), null);
        GuardedConnections.install();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @Test
    void aReachableAddressGetsTlsWithTheNamesCertificateCheck() throws Exception {
        GuardedConnections.Guard guard = guard(List.of(AddressPolicy.Network.parse("127.0.0.1/32")));

        assertEquals("ok", get("localhost", guard));
        IOException wrongName = assertThrows(IOException.class, () -> get("127.0.0.1", guard));
        assertTrue(wrongName.getMessage().toLowerCase().contains("127.0.0.1")
                || wrongName.getMessage().toLowerCase().contains("subject"), wrongName.getMessage());
    }

    @Test
    void theAddressActuallyConnectedToIsJudgedBeforeAnyTlsIsSpoken() {
        GuardedConnections.Guard guard = guard(List.of());

        IOException refused = assertThrows(IOException.class, () -> get("localhost", guard));

        assertTrue(guard.refusal.contains("127.0.0.1") && guard.refusal.contains("loopback"), guard.refusal);
        assertTrue(refused.getMessage().contains("loopback"), refused.getMessage());
    }

    @Test
    void outsideACloneTheTlsIsTheJdksUnchanged() throws Exception {
        HttpsURLConnection connection = connection("localhost");
        try (InputStream in = connection.getInputStream()) {
            assertEquals("ok", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** Straight to the connection, past the guard's own look-up: only the TLS layer can refuse. */
    private static String get(String host, GuardedConnections.Guard guard) throws Exception {
        return GuardedConnections.under(guard, () -> {
            try (InputStream in = connection(host).getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        });
    }

    private static HttpsURLConnection connection(String host) throws IOException {
        HttpsURLConnection connection = (HttpsURLConnection) new URL("https://" + host + ":"
                + server.getAddress().getPort() + "/").openConnection(Proxy.NO_PROXY);
        connection.setSSLSocketFactory(new PinnedTls(client.getSocketFactory(), GuardedConnections::current));
        connection.setConnectTimeout(5_000);
        connection.setReadTimeout(5_000);
        return connection;
    }

    private static GuardedConnections.Guard guard(List<AddressPolicy.Network> allowed) {
        return new GuardedConnections.Guard(Set.of("https"), new AddressPolicy(allowed), 1 << 20,
                System.nanoTime() + TimeUnit.SECONDS.toNanos(30));
    }
}
