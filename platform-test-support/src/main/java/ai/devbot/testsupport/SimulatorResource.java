package ai.devbot.testsupport;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the Telegram/LLM simulator (deploy/local/simulator, built earlier in the reactor) as its
 * own process on a free port, in its test profile (test bot token, fast webhook retries, flood
 * control off until a test turns it on), and points the service under test at it: the init
 * argument {@code urls} lists {@code property=path} pairs set to the simulator's URL plus path
 * (default: {@code gateway.telegram.api-url=}). The URL is also published as the system property
 * {@value #URL_PROPERTY} for the tests themselves.
 */
public class SimulatorResource implements QuarkusTestResourceLifecycleManager {

    public static final String URL_PROPERTY = "devbot.simulator.url";
    private static final String JAR = "deploy/local/simulator/target/quarkus-app/quarkus-run.jar";

    private Process simulator;
    private String urls = "gateway.telegram.api-url=";

    @Override
    public void init(Map<String, String> initArgs) {
        urls = initArgs.getOrDefault("urls", urls);
    }

    @Override
    public Map<String, String> start() {
        Path jar = locateJar();
        int port = freePort();
        Path logs = Path.of("target", "simulator.log").toAbsolutePath();
        Path documents = Path.of("target", "simulator-documents").toAbsolutePath();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try {
            simulator = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-Dquarkus.profile=test",
                    "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                    "-Dsimulator.telegram.document-dir=" + documents, "-jar", jar.toString()))
                    .redirectErrorStream(true).redirectOutput(logs.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start the simulator: " + e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::destroyForcibly));
        String url = "http://127.0.0.1:" + port;
        awaitReady(url, logs);
        System.setProperty(URL_PROPERTY, url);
        Map<String, String> config = new HashMap<>(Map.of(URL_PROPERTY, url));
        for (String pair : urls.split(",")) {
            String[] propertyAndPath = pair.strip().split("=", 2);
            config.put(propertyAndPath[0], url + (propertyAndPath.length > 1 ? propertyAndPath[1] : ""));
        }
        return config;
    }

    @Override
    public void stop() {
        if (simulator != null) {
            simulator.destroy();
        }
    }

    public static String url() {
        String url = System.getProperty(URL_PROPERTY);
        if (url == null) {
            throw new IllegalStateException("the simulator is not running: annotate the test with "
                    + "@QuarkusTestResource(SimulatorResource.class)");
        }
        return url;
    }

    private static Path locateJar() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path jar = dir.resolve(JAR);
            if (Files.isRegularFile(jar)) {
                return jar;
            }
            if (Files.isDirectory(dir.resolve("deploy/local/simulator"))) {
                break;
            }
        }
        throw new IllegalStateException("the simulator is not built: run './mvnw -pl deploy/local/simulator package "
                + "-DskipTests' first (a full './mvnw verify' builds it before the services)");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitReady(String url, Path logs) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!simulator.isAlive()) {
                throw new IllegalStateException("the simulator exited at start; see " + logs);
            }
            try {
                var connection = (HttpURLConnection) URI.create(url + "/q/health/ready").toURL().openConnection();
                connection.setConnectTimeout(500);
                if (connection.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("the simulator was not ready within 60 s; see " + logs);
    }
}
