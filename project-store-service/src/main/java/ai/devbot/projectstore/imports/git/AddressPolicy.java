package ai.devbot.projectstore.imports.git;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Which addresses a clone may connect to: public ones only, so a user's link cannot make the service reach
 * its own loopback, the cluster's private network or a cloud metadata address (169.254.169.254). Networks an
 * operator names (tests name 127.0.0.1/32) are let through. IPv4 addresses inside IPv6 forms are judged as
 * IPv4. Pure.
 */
public final class AddressPolicy {

    /** An address block in CIDR notation, e.g. {@code 10.0.0.0/8} or {@code fd00::/8}. */
    public record Network(byte[] prefix, int bits) {

        public static Network parse(String cidr) {
            String[] parts = cidr.strip().split("/", 2);
            try {
                byte[] address = InetAddress.getByName(literal(parts[0])).getAddress();
                int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : address.length * 8;
                if (bits < 0 || bits > address.length * 8) {
                    throw new IllegalArgumentException("prefix length out of range in " + cidr);
                }
                return new Network(address, bits);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("not a network in CIDR notation: " + cidr, e);
            }
        }

        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((address[bit / 8] & mask) != (prefix[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }

        /** Only address literals: a CIDR never makes the JDK look a name up. */
        private static String literal(String text) {
            if (!text.matches("[0-9a-fA-F:.]+")) {
                throw new IllegalArgumentException("not an address: " + text);
            }
            return text;
        }
    }

    private static final List<Network> NOT_PUBLIC = List.of(
            Network.parse("0.0.0.0/8"), Network.parse("10.0.0.0/8"), Network.parse("100.64.0.0/10"),
            Network.parse("127.0.0.0/8"), Network.parse("169.254.0.0/16"), Network.parse("172.16.0.0/12"),
            Network.parse("192.0.0.0/24"), Network.parse("192.0.2.0/24"), Network.parse("192.168.0.0/16"),
            Network.parse("198.18.0.0/15"), Network.parse("198.51.100.0/24"), Network.parse("203.0.113.0/24"),
            Network.parse("224.0.0.0/3"),
            Network.parse("::/127"), Network.parse("fc00::/7"), Network.parse("fe80::/10"), Network.parse("ff00::/8"),
            Network.parse("2001:db8::/32"));

    private final List<Network> allowed;

    public AddressPolicy(List<Network> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    /** Null when a clone may connect to the address, else why not (for the user). */
    public String refusal(InetAddress address) {
        byte[] bytes = address.getAddress();
        for (Network network : allowed) {
            if (network.contains(bytes)) {
                return null;
            }
        }
        byte[] judged = embeddedIpv4(address);
        for (Network network : NOT_PUBLIC) {
            if (network.contains(judged)) {
                return "it leads to " + address.getHostAddress()
                        + ", a loopback, private or link-local address; only public repositories are imported";
            }
        }
        return null;
    }

    /** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d) or NAT64 (64:ff9b::a.b.c.d) address, else itself. */
    private static byte[] embeddedIpv4(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address || !(address instanceof Inet6Address)) {
            return bytes;
        }
        boolean mapped = true;
        for (int i = 0; i < 10; i++) {
            mapped &= bytes[i] == 0;
        }
        mapped &= bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
        boolean nat64 = bytes[0] == 0 && bytes[1] == 0x64 && bytes[2] == (byte) 0xff && bytes[3] == (byte) 0x9b;
        for (int i = 4; nat64 && i < 12; i++) {
            nat64 = bytes[i] == 0;
        }
        return mapped || nat64 ? new byte[] { bytes[12], bytes[13], bytes[14], bytes[15] } : bytes;
    }
}
