package ai.devbot.projectstore.imports.git;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Which addresses a clone may reach: public ones, and the networks an operator names. */
class AddressPolicyTest {

    private final AddressPolicy production = new AddressPolicy(List.of());

    @Test
    void loopbackPrivateLinkLocalAndSpecialAddressesAreRefused() throws UnknownHostException {
        for (String address : List.of("127.0.0.1", "127.9.9.9", "10.1.2.3", "172.16.0.1", "172.31.255.255",
                "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1", "::",
                "fe80::1", "fd00:ec2::254", "fc00::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "64:ff9b::a9fe:a9fe",
                "2001:db8::1")) {
            assertNotNull(production.refusal(InetAddress.getByName(address)), address + " must be refused");
        }
    }

    @Test
    void publicAddressesAreAllowed() throws UnknownHostException {
        for (String address : List.of("140.82.121.4", "8.8.8.8", "172.32.0.1", "192.169.0.1", "2606:50c0:8000::153",
                "64:ff9b::808:808")) {
            assertNull(production.refusal(InetAddress.getByName(address)), address + " is public");
        }
    }

    @Test
    void namedNetworksAreLetThroughAndNothingElse() throws UnknownHostException {
        AddressPolicy tests = new AddressPolicy(List.of(AddressPolicy.Network.parse("127.0.0.1/32")));

        assertNull(tests.refusal(InetAddress.getByName("127.0.0.1")));
        assertNotNull(tests.refusal(InetAddress.getByName("127.0.0.2")));
        assertNotNull(tests.refusal(InetAddress.getByName("::1")));
    }

    @Test
    void networksAreAddressLiteralsInCidrNotation() {
        assertThrows(IllegalArgumentException.class, () -> AddressPolicy.Network.parse("example.com/8"));
        assertThrows(IllegalArgumentException.class, () -> AddressPolicy.Network.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> AddressPolicy.Network.parse("10.0.0.0/x"));
    }
}
