package ai.devbot.sandbox.runner.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import ai.devbot.sandbox.run.CommandSpec;
import ai.devbot.sandbox.runner.CommandOutcome;
import ai.devbot.sandbox.runner.RunOutcome;
import ai.devbot.sandbox.runner.RunPlan;

/**
 * A setup command reaches an allowed registry through the proxy and nothing else; a check command reaches nothing.
 * The "registry" is a real HTTP server on the host's loopback, allowed by its address and port (a name on the
 * allow-list must resolve to a public address; loopback is allowed only as an explicit literal like this one).
 */
class SetupNetworkTest {

    static HttpServer registry;
    static HttpServer forbidden;
    static final List<String> SEEN = new CopyOnWriteArrayList<>();
    static BubblewrapRunner runner;

    @BeforeAll
    static void start() throws Exception {
        registry = server("package-bytes-1.0");
        forbidden = server("must-never-be-read");
        runner = LocalRunners.runner(2, List.of("127.0.0.1:" + registry.getAddress().getPort(), "registry.npmjs.org"));
        assertNull(runner.unavailableReason());
    }

    static HttpServer server(String body) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        server.createContext("/", exchange -> {
            SEEN.add(exchange.getLocalAddress().getPort() + " " + exchange.getRequestURI());
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return server;
    }

    @AfterAll
    static void stop() {
        registry.stop(0);
        forbidden.stop(0);
    }

    @Test
    void aSetupFetchesFromAnAllowedRegistryWhileTheChecksCannotOpenAnyConnection() throws Exception {
        int port = registry.getAddress().getPort();
        String fetch = "curl -sf --max-time 5 http://127.0.0.1:" + port + "/simple/pkg/";
        RunOutcome outcome = runner.run(new RunPlan("net-" + System.nanoTime(), System.nanoTime(), new java.util.TreeMap<>(Map.of()), new byte[0],
                List.of(new CommandSpec("setup", fetch + " -o pkg.txt && cat pkg.txt", null, true),
                        new CommandSpec("check", "cat pkg.txt; echo; " + fetch + " || echo direct-refused; "
                                + "curl -sf --max-time 5 -x http://127.0.0.1:3128 http://127.0.0.1:" + port
                                + "/again || echo proxy-absent", null)),
                LocalRunners.limits()));
        CommandOutcome setup = outcome.commands().get(0);
        assertEquals(0, setup.exitCode(), setup.stderrTail());
        assertEquals("package-bytes-1.0", setup.stdoutTail());
        CommandOutcome check = outcome.commands().get(1);
        assertEquals("package-bytes-1.0\ndirect-refused\nproxy-absent\n", check.stdoutTail(), check.stderrTail());
        assertEquals(List.of(port + " /simple/pkg/"), SEEN.stream().filter(s -> s.startsWith(port + " ")).toList(),
                "the registry saw the setup's request only");
    }

    @Test
    void aSetupCannotReachAnythingElseThroughTheProxy() throws Exception {
        int other = forbidden.getAddress().getPort();
        String status = "curl -s --max-time 5 -o /dev/null -w '%{http_code}\\n' ";
        RunOutcome outcome = runner.run(new RunPlan("net-" + System.nanoTime(), System.nanoTime(), new java.util.TreeMap<>(Map.of()), new byte[0],
                List.of(new CommandSpec("setup", status + "http://127.0.0.1:" + other + "/x; "
                        + status + "http://127.0.0.1:55432/; "
                        + status + "http://169.254.169.254/latest/meta-data/; "
                        + "curl -s --max-time 5 https://127.0.0.1:" + other + "/ -o /dev/null || echo tunnel-refused; "
                        + status + "http://localhost:" + registry.getAddress().getPort() + "/", null, true)),
                LocalRunners.limits()));
        CommandOutcome setup = outcome.commands().get(0);
        assertEquals("403\n403\n403\ntunnel-refused\n403\n", setup.stdoutTail(), setup.stderrTail());
        assertFalse(SEEN.stream().anyMatch(s -> s.startsWith(other + " ")), "the other server saw nothing");
    }

    @Test
    void aRegistryNameThatResolvesToAPrivateAddressIsRefused() {
        assertFalse(RegistryProxy.isPublic(InetAddress.getLoopbackAddress()));
        for (String address : List.of("10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0")) {
            try {
                assertFalse(RegistryProxy.isPublic(InetAddress.getByName(address)), address);
            } catch (java.net.UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        try {
            assertTrue(RegistryProxy.isPublic(InetAddress.getByName("104.16.0.1")));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        assertTrue(RegistryProxy.Registry.parse("*.npmjs.org").matches("registry.npmjs.org", 443));
        assertFalse(RegistryProxy.Registry.parse("*.npmjs.org").matches("npmjs.org.evil.example", 443));
        assertFalse(RegistryProxy.Registry.parse("registry.npmjs.org").matches("registry.npmjs.org", 22));
    }
}
