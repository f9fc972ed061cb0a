package ai.devbot.projectstore.push;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class SealedKeysTest {

    private static final String V1 = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    private static final String V2 = "1f1e1d1c1b1a191817161514131211100f0e0d0c0b0a09080706050403020100";

    @Test
    void aSealedKeyOpensOnlyForItsProjectAndNotOnceChanged() {
        SealedKeys keys = SealedKeys.parse(V1);
        KeyPair pair = DeployKey.generate();
        SealedKeys.Sealed sealed = keys.seal(pair.getPrivate().getEncoded(), "project_push:1");

        assertEquals(1, sealed.version());
        assertArrayEquals(pair.getPrivate().getEncoded(), keys.open(sealed, "project_push:1"));
        assertThrows(IllegalStateException.class, () -> keys.open(sealed, "project_push:2"));
        byte[] changed = sealed.bytes().clone();
        changed[changed.length - 1] ^= 1;
        assertThrows(IllegalStateException.class, () -> keys.open(new SealedKeys.Sealed(1, changed), "project_push:1"));
        assertFalse(contains(sealed.bytes(), pair.getPrivate().getEncoded()), "nothing of the key in the clear");
        assertNotEquals(Arrays.toString(sealed.bytes()),
                Arrays.toString(keys.seal(pair.getPrivate().getEncoded(), "project_push:1").bytes()),
                "a fresh nonce per seal");
    }

    @Test
    void whileRotatingTheFirstVersionSealsAndEveryListedVersionOpens() {
        SealedKeys before = SealedKeys.parse(V1);
        SealedKeys rotating = SealedKeys.parse("2:" + V2 + ", 1:" + V1);
        byte[] secret = "deploy key".getBytes(StandardCharsets.UTF_8);
        SealedKeys.Sealed old = before.seal(secret, "p");

        assertArrayEquals(secret, rotating.open(old, "p"));
        assertTrue(rotating.outdated(old));
        SealedKeys.Sealed resealed = rotating.seal(secret, "p");
        assertEquals(2, resealed.version());
        IllegalStateException gone = assertThrows(IllegalStateException.class, () -> before.open(resealed, "p"));
        assertTrue(gone.getMessage().contains("version 2"), gone.getMessage());
    }

    @Test
    void aBadSettingIsRefusedWithoutEchoingIt() {
        for (String bad : new String[] { "", "short", "x:" + V1, "1:" + V1 + ",1:" + V2, V1.substring(2) + "zz" }) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SealedKeys.parse(bad));
            assertFalse(e.getMessage().contains(V1.substring(8, 40)), e.getMessage());
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer: for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
