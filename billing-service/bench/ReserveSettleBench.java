import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reserve + settle pairs against a running billing-service, as the orchestrator makes them around
 * every model call. Run by bench/run.sh; single-file Java, no dependencies.
 *
 * args: baseUrl mode(spread|hot) clients seconds accounts
 */
public class ReserveSettleBench {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String mode = args[1];
        int clients = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        int accountCount = mode.equals("hot") ? 1 : Integer.parseInt(args[4]);
        String service = auth("service", System.getenv("DEVBOT_SERVICE_PASSWORD"));
        String operator = auth("operator", System.getenv("DEVBOT_OPERATOR_PASSWORD"));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        long firstUser = 7_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L);
        long[] users = new long[accountCount];
        for (int i = 0; i < accountCount; i++) {
            users[i] = firstUser + i;
            post(http, base + "/api/v1/accounts", service, "{\"userId\":" + users[i] + "}", 200);
            // Enough credits for the whole run on one account.
            post(http, base + "/api/admin/accounts/" + users[i] + "/adjustments", operator,
                    "{\"amount\":1000000000,\"reason\":\"benchmark\",\"idempotencyKey\":\"bench\",\"kind\":\"GRANT\"}", 200);
        }

        AtomicLong pairs = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<long[]> latencies = new ArrayList<>();
        long warmupEnd = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        long end = warmupEnd + Duration.ofSeconds(seconds).toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            long[] mine = new long[2_000_000];
            latencies.add(mine);
            Thread thread = new Thread(() -> {
                int count = 0;
                while (System.nanoTime() < end) {
                    long user = users[ThreadLocalRandom.current().nextInt(users.length)];
                    String reservation = "bench-" + UUID.randomUUID();
                    long start = System.nanoTime();
                    try {
                        post(http, base + "/api/v1/reservations", service, "{\"reservationId\":\"" + reservation
                                + "\",\"userId\":" + user + ",\"jobId\":\"job-" + reservation + "\",\"amount\":1000}", 201);
                        post(http, base + "/api/v1/reservations/" + reservation + "/settle", service,
                                "{\"usage\":{\"eventId\":\"evt-" + reservation + "\",\"userId\":" + user
                                        + ",\"provider\":\"gemini\",\"model\":\"gemini-2.5-flash\",\"keyAlias\":\"bench\","
                                        + "\"inputTokens\":1000,\"outputTokens\":100,\"occurredAt\":\"" + Instant.now() + "\"}}",
                                200);
                        long done = System.nanoTime();
                        if (start > warmupEnd && done < end) {
                            pairs.incrementAndGet();
                            mine[count++] = done - start;
                        }
                    } catch (Exception e) {
                        if (System.nanoTime() > warmupEnd) {
                            errors.incrementAndGet();
                        }
                    }
                }
                mine[mine.length - 1] = count;
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long[] all = latencies.stream().flatMapToLong(l -> Arrays.stream(l, 0, (int) l[l.length - 1])).sorted().toArray();
        String audit = get(http, base + "/api/admin/audit", operator);
        System.out.printf("mode=%s accounts=%d clients=%d seconds=%d pairs=%d pairs_per_s=%.0f p50_ms=%.2f p99_ms=%.2f errors=%d audit=%s%n",
                mode, accountCount, clients, seconds, pairs.get(), pairs.get() / (double) seconds,
                percentile(all, 0.50), percentile(all, 0.99), errors.get(), audit);
    }

    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    static String auth(String user, String password) {
        if (password == null) {
            throw new IllegalStateException("run through bench/run.sh, which loads the devbot env file");
        }
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static void post(HttpClient http, String url, String auth, String body, int expected) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", auth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(url + " -> " + response.statusCode() + " " + response.body());
        }
    }

    static String get(HttpClient http, String url, String auth) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
