package ai.devbot.projectstore.imports.git;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.function.Supplier;

import javax.net.ssl.SSLSocketFactory;

/**
 * TLS for a clone's HTTPS connections, judged at the address actually connected to. The guard checks a host's
 * addresses before the JDK connects, but the JDK resolves the name once more to connect, and a name can answer
 * differently the second time (DNS rebinding). This factory offers no unconnected sockets, so the JDK connects a
 * plain socket itself and then asks here to layer TLS over it: that socket's peer address is checked against the
 * clone's policy before a single byte is sent. The host name still goes into SNI and the certificate check.
 * Outside a clone (no guard on the thread) it is the JDK's TLS unchanged.
 */
final class PinnedTls extends SSLSocketFactory {

    private final SSLSocketFactory tls;
    private final Supplier<GuardedConnections.Guard> current;

    PinnedTls(SSLSocketFactory tls, Supplier<GuardedConnections.Guard> current) {
        this.tls = tls;
        this.current = current;
    }

    @Override
    public Socket createSocket(Socket connected, String host, int port, boolean autoClose) throws IOException {
        GuardedConnections.Guard guard = current.get();
        if (guard != null) {
            InetAddress peer = connected.getInetAddress();
            String why = peer == null ? "the connection has no address" : guard.addresses.refusal(peer);
            if (why != null) {
                connected.close();
                throw guard.refuse(why);
            }
        }
        return tls.createSocket(connected, host, port, autoClose);
    }

    // The JDK's HTTPS client connects through these only when createSocket() offers an unconnected socket,
    // which this factory does not; anything else calling them gets the same check after connecting.
    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return createSocket(new Socket(host, port), host, port, true);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return createSocket(new Socket(host, port, localHost, localPort), host, port, true);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return createSocket(new Socket(host, port), host.getHostName(), port, true);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return createSocket(new Socket(address, port, localAddress, localPort), address.getHostName(), port, true);
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return tls.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return tls.getSupportedCipherSuites();
    }
}
