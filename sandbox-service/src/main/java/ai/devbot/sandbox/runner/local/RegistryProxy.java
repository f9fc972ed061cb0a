package ai.devbot.sandbox.runner.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

/**
 * The only way out of a setup command's sandbox: an HTTP forward proxy on a Unix socket that is mounted into that
 * sandbox alone (a forwarder inside turns it into {@code 127.0.0.1:3128}). It tunnels {@code CONNECT} and forwards
 * plain {@code http://} requests to allow-listed registries only. A name must resolve to public addresses (no
 * loopback, private, link-local or multicast), so DNS cannot point a registry name at the host or the cluster;
 * an allow-list entry that is an IP literal (tests) permits exactly that address and port. Bytes through it are
 * bounded per run.
 */
final class RegistryProxy implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RegistryProxy.class);
    private static final int MAX_HEAD = 16 * 1024;
    private static final int CONNECT_TIMEOUT_MS = 10_000;

    /** An allowed registry: a host name ({@code *.example.org} for its sub-domains), or an IP literal with a port. */
    record Registry(String host, int port) {

        static Registry parse(String entry) {
            String value = entry.trim().toLowerCase(Locale.ROOT);
            int colon = value.lastIndexOf(':');
            if (colon > 0 && value.indexOf(']') < colon && value.chars().filter(c -> c == ':').count() == 1) {
                return new Registry(value.substring(0, colon), Integer.parseInt(value.substring(colon + 1)));
            }
            return new Registry(value, 0);
        }

        boolean matches(String requestHost, int requestPort) {
            boolean portOk = port == 0 ? requestPort == 443 || requestPort == 80 : requestPort == port;
            boolean hostOk = host.startsWith("*.") ? requestHost.endsWith(host.substring(1)) : requestHost.equals(host);
            return portOk && hostOk;
        }

        boolean literal() {
            return host.matches("[0-9.]+") || host.contains(":");
        }
    }

    private final Path socket;
    private final List<Registry> registries;
    private final long maxBytes;
    private final ExecutorService threads;
    private final AtomicLong transferred = new AtomicLong();
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    private final ServerSocketChannel server;

    RegistryProxy(Path socket, List<Registry> registries, long maxBytes, ExecutorService threads) throws IOException {
        this.socket = socket;
        this.registries = registries;
        this.maxBytes = maxBytes;
        this.threads = threads;
        Files.deleteIfExists(socket);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        // The sandbox's user connects to it; the folder it lives in is the slot's own.
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
        threads.submit(this::acceptLoop);
    }

    long transferred() {
        return transferred.get();
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                open.add(client);
                threads.submit(() -> serve(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(SocketChannel client) {
        try (client) {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(4096);
            int end = -1;
            while (end < 0) {
                buffer.clear();
                if (client.read(buffer) < 0) {
                    return;
                }
                head.write(buffer.array(), 0, buffer.position());
                if (head.size() > MAX_HEAD) {
                    refuse(client, 431, "request head too large");
                    return;
                }
                end = indexOf(head.toByteArray(), "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            byte[] bytes = head.toByteArray();
            String headText = new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            byte[] rest = java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length);
            String[] lines = headText.split("\r\n");
            String[] requestLine = lines[0].split(" ");
            if (requestLine.length != 3) {
                refuse(client, 400, "not an HTTP request");
                return;
            }
            if (requestLine[0].equals("CONNECT")) {
                tunnel(client, requestLine[1], rest);
            } else {
                forward(client, requestLine, lines, rest);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debugf("registry proxy connection ended: %s", e.getMessage());
        } finally {
            open.remove(client);
        }
    }

    private void tunnel(SocketChannel client, String authority, byte[] rest) throws IOException {
        int colon = authority.lastIndexOf(':');
        if (colon <= 0) {
            refuse(client, 400, "CONNECT needs host:port");
            return;
        }
        String host = authority.substring(0, colon).toLowerCase(Locale.ROOT).replaceAll("^\\[|\\]$", "");
        int port = Integer.parseInt(authority.substring(colon + 1));
        SocketChannel upstream = connect(client, host, port);
        if (upstream == null) {
            return;
        }
        try (upstream) {
            write(client, "HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            if (rest.length > 0) {
                write(upstream, rest);
            }
            relay(client, upstream);
        }
    }

    private void forward(SocketChannel client, String[] requestLine, String[] lines, byte[] rest) throws IOException {
        URI target;
        try {
            target = URI.create(requestLine[1]);
        } catch (IllegalArgumentException e) {
            refuse(client, 400, "bad request target");
            return;
        }
        if (!"http".equalsIgnoreCase(target.getScheme()) || target.getHost() == null) {
            refuse(client, 400, "only http:// requests and CONNECT tunnels go through this proxy");
            return;
        }
        int port = target.getPort() < 0 ? 80 : target.getPort();
        SocketChannel upstream = connect(client, target.getHost().toLowerCase(Locale.ROOT), port);
        if (upstream == null) {
            return;
        }
        try (upstream) {
            StringBuilder request = new StringBuilder(requestLine[0]).append(' ')
                    .append(target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath())
                    .append(target.getRawQuery() == null ? "" : "?" + target.getRawQuery()).append(" HTTP/1.1\r\n");
            for (int i = 1; i < lines.length; i++) {
                String lower = lines[i].toLowerCase(Locale.ROOT);
                if (!lower.startsWith("proxy-") && !lower.startsWith("connection:")) {
                    request.append(lines[i]).append("\r\n");
                }
            }
            request.append("Connection: close\r\n\r\n");
            write(upstream, request.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (rest.length > 0) {
                write(upstream, rest);
            }
            relay(client, upstream);
        }
    }

    /** The upstream connection, or null after answering the client why not. */
    private SocketChannel connect(SocketChannel client, String host, int port) throws IOException {
        Registry registry = registries.stream().filter(r -> r.matches(host, port)).findFirst().orElse(null);
        if (registry == null) {
            refuse(client, 403, host + ":" + port + " is not an allowed package registry");
            return null;
        }
        InetAddress address;
        try {
            InetAddress[] all = InetAddress.getAllByName(host);
            address = null;
            for (InetAddress candidate : all) {
                if (registry.literal() || isPublic(candidate)) {
                    address = candidate;
                    break;
                }
            }
        } catch (java.net.UnknownHostException e) {
            refuse(client, 502, host + " does not resolve");
            return null;
        }
        if (address == null) {
            refuse(client, 403, host + " resolves to a private address");
            return null;
        }
        SocketChannel upstream = SocketChannel.open();
        try {
            upstream.socket().connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MS);
        } catch (IOException e) {
            upstream.close();
            refuse(client, 502, host + ":" + port + " is unreachable");
            return null;
        }
        open.add(upstream);
        return upstream;
    }

    static boolean isPublic(InetAddress address) {
        return !(address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()
                // 100.64.0.0/10 (carrier-grade NAT, common for cluster networks) and IPv6 unique-local fc00::/7
                || (address.getAddress().length == 4 && (address.getAddress()[0] & 0xff) == 100
                        && (address.getAddress()[1] & 0xc0) == 64)
                || (address.getAddress().length == 16 && (address.getAddress()[0] & 0xfe) == 0xfc));
    }

    private void relay(SocketChannel client, SocketChannel upstream) {
        var back = threads.submit(() -> copy(upstream, client));
        copy(client, upstream);
        try {
            back.get();
        } catch (Exception e) {
            // the other direction ended
        }
    }

    private Void copy(SocketChannel from, SocketChannel to) {
        ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
        try {
            while (from.read(buffer) >= 0) {
                buffer.flip();
                if (transferred.addAndGet(buffer.remaining()) > maxBytes) {
                    LOG.warnf("registry proxy %s: over %d bytes, closing", socket, maxBytes);
                    break;
                }
                while (buffer.hasRemaining()) {
                    to.write(buffer);
                }
                buffer.clear();
            }
        } catch (IOException e) {
            // closed on the other side
        } finally {
            try {
                to.shutdownOutput();
            } catch (IOException e) {
                // already closed
            }
        }
        return null;
    }

    private static void refuse(SocketChannel client, int status, String reason) throws IOException {
        byte[] body = ("devbot sandbox: " + reason + "\n").getBytes(StandardCharsets.UTF_8);
        write(client, ("HTTP/1.1 " + status + " " + (status == 403 ? "Forbidden" : "Refused") + "\r\nContent-Type: "
                + "text/plain\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        write(client, body);
    }

    private static void write(SocketChannel channel, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (SocketChannel channel : open) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            LOG.debugf("could not delete %s: %s", socket, e.getMessage());
        }
    }
}
