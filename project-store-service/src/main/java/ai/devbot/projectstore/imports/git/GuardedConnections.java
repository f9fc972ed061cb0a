package ai.devbot.projectstore.imports.git;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ProtocolException;
import java.net.Proxy;
import java.net.URL;
import java.net.UnknownHostException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;

import org.eclipse.jgit.transport.HttpTransport;
import org.eclipse.jgit.transport.http.HttpConnection;
import org.eclipse.jgit.transport.http.HttpConnectionFactory;
import org.eclipse.jgit.transport.http.JDKHttpConnectionFactory;

/**
 * Every HTTP connection JGit opens in this service goes through here: JGit follows redirects itself and opens
 * a new connection for each, so every address of every hop is checked against the clone's {@link Guard} — and
 * for HTTPS once more at the address the socket actually reached ({@link PinnedTls}: a name answering
 * differently the second time cannot slip through) — and every byte received counts against the
 * clone's download limit and deadline. A connection outside a clone is refused: nothing else here speaks git.
 */
final class GuardedConnections implements HttpConnectionFactory {

    /** What one clone may reach and download; refusal says why the first refused request was. */
    static final class Guard {
        final Set<String> schemes;
        final AddressPolicy addresses;
        final long maxBytes;
        final long deadlineNanos;
        final AtomicLong received = new AtomicLong();
        volatile String refusal;
        /** The HTTP status of the newest answer: tells a private repository (401) from a missing one (404). */
        volatile int lastStatus;

        Guard(Set<String> schemes, AddressPolicy addresses, long maxBytes, long deadlineNanos) {
            this.schemes = schemes;
            this.addresses = addresses;
            this.maxBytes = maxBytes;
            this.deadlineNanos = deadlineNanos;
        }

        boolean pastDeadline() {
            return System.nanoTime() - deadlineNanos > 0;
        }

        IOException refuse(String reason) {
            if (refusal == null) {
                refusal = reason;
            }
            return new IOException(reason);
        }

        void check(URL url) throws IOException {
            if (!schemes.contains(url.getProtocol().toLowerCase(Locale.ROOT))) {
                throw refuse("it leads to a " + url.getProtocol() + " address; only "
                        + String.join(", ", schemes.stream().sorted().toList())
                        + " links are cloned");
            }
            if (url.getUserInfo() != null) {
                throw refuse("it leads to an address with a user name or password in it");
            }
            InetAddress[] resolved;
            try {
                resolved = InetAddress.getAllByName(url.getHost());
            } catch (UnknownHostException e) {
                throw refuse("the host " + url.getHost() + " is not known");
            }
            for (InetAddress address : resolved) {
                String why = addresses.refusal(address);
                if (why != null) {
                    throw refuse(why);
                }
            }
        }
    }

    private static final ThreadLocal<Guard> CURRENT = new ThreadLocal<>();
    private static final HttpConnectionFactory JDK = new JDKHttpConnectionFactory();
    private static final GuardedConnections INSTANCE = new GuardedConnections();

    private GuardedConnections() {
    }

    /**
     * Makes every JGit HTTP connection of this process go through here, and every HTTPS connection's TLS check
     * the address it reached ({@link PinnedTls}); once, at start.
     */
    static void install() {
        try {
            HttpsURLConnection.setDefaultSSLSocketFactory(new PinnedTls(SSLContext.getDefault().getSocketFactory(),
                    GuardedConnections::current));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no TLS", e);
        }
        HttpTransport.setConnectionFactory(INSTANCE);
    }

    /** The guard of the clone running on this thread, or null. */
    static Guard current() {
        return CURRENT.get();
    }

    static void requireInstalled() {
        if (HttpTransport.getConnectionFactory() != INSTANCE
                || !(HttpsURLConnection.getDefaultSSLSocketFactory() instanceof PinnedTls)) {
            throw new IllegalStateException("JGit's HTTP connections are not guarded: GitClone.guardConnections() "
                    + "must run at start");
        }
    }

    /**
     * Runs a clone on this thread under the guard (JGit opens its HTTP connections on the calling thread).
     * Refuses to clone unguarded when {@link #install()} was never called.
     */
    static <T> T under(Guard guard, CloneAction<T> clone) throws Exception {
        requireInstalled();
        CURRENT.set(guard);
        try {
            return clone.run();
        } finally {
            CURRENT.remove();
        }
    }

    interface CloneAction<T> {
        T run() throws Exception;
    }

    @Override
    public HttpConnection create(URL url) throws IOException {
        return create(url, Proxy.NO_PROXY);
    }

    @Override
    public HttpConnection create(URL url, Proxy proxy) throws IOException {
        Guard guard = CURRENT.get();
        if (guard == null) {
            throw new IOException("git over HTTP is only used by an import's clone");
        }
        guard.check(url);
        // No proxy: a proxy would resolve (and reach) the host itself, past the address check.
        return new Counted(JDK.create(url, Proxy.NO_PROXY), guard);
    }

    /** The JDK connection, with its response bytes counted against the guard. */
    private static final class Counted implements HttpConnection {
        private final HttpConnection connection;
        private final Guard guard;

        Counted(HttpConnection connection, Guard guard) {
            this.connection = connection;
            this.guard = guard;
        }

        @Override
        public InputStream getInputStream() throws IOException {
            return new FilterInputStream(connection.getInputStream()) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    count(b < 0 ? 0 : 1);
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = super.read(buffer, offset, length);
                    count(Math.max(n, 0));
                    return n;
                }
            };
        }

        private void count(int bytes) throws IOException {
            if (guard.received.addAndGet(bytes) > guard.maxBytes) {
                throw guard.refuse("the repository is larger than " + guard.maxBytes / (1024 * 1024)
                        + " MB to download");
            }
            if (guard.pastDeadline()) {
                throw guard.refuse("the clone took too long");
            }
        }

        @Override
        public int getResponseCode() throws IOException {
            int status = connection.getResponseCode();
            guard.lastStatus = status;
            return status;
        }

        @Override
        public URL getURL() {
            return connection.getURL();
        }

        @Override
        public String getResponseMessage() throws IOException {
            return connection.getResponseMessage();
        }

        @Override
        public Map<String, List<String>> getHeaderFields() {
            return connection.getHeaderFields();
        }

        @Override
        public void setRequestProperty(String key, String value) {
            connection.setRequestProperty(key, value);
        }

        @Override
        public void setRequestMethod(String method) throws ProtocolException {
            connection.setRequestMethod(method);
        }

        @Override
        public void setUseCaches(boolean useCaches) {
            connection.setUseCaches(useCaches);
        }

        @Override
        public void setConnectTimeout(int timeout) {
            connection.setConnectTimeout(timeout);
        }

        @Override
        public void setReadTimeout(int timeout) {
            connection.setReadTimeout(timeout);
        }

        @Override
        public String getContentType() {
            return connection.getContentType();
        }

        @Override
        public String getHeaderField(String name) {
            return connection.getHeaderField(name);
        }

        @Override
        public List<String> getHeaderFields(String name) {
            return connection.getHeaderFields(name);
        }

        @Override
        public int getContentLength() {
            return connection.getContentLength();
        }

        @Override
        public void setInstanceFollowRedirects(boolean follow) {
            // JGit follows redirects itself, through create(): the JDK must never follow one unchecked.
            connection.setInstanceFollowRedirects(false);
        }

        @Override
        public void setDoOutput(boolean doOutput) {
            connection.setDoOutput(doOutput);
        }

        @Override
        public void setFixedLengthStreamingMode(int length) {
            connection.setFixedLengthStreamingMode(length);
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            return connection.getOutputStream();
        }

        @Override
        public void setChunkedStreamingMode(int chunkLength) {
            connection.setChunkedStreamingMode(chunkLength);
        }

        @Override
        public String getRequestMethod() {
            return connection.getRequestMethod();
        }

        @Override
        public boolean usingProxy() {
            return connection.usingProxy();
        }

        @Override
        public void connect() throws IOException {
            connection.connect();
        }

        // JGit calls these two only to turn certificate checks off (http.sslVerify=false): never for a clone.
        @Override
        public void configure(KeyManager[] km, TrustManager[] tm, SecureRandom random) {
        }

        @Override
        public void setHostnameVerifier(HostnameVerifier verifier) {
        }
    }
}
