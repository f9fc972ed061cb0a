package ai.devbot.projectstore.push;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;

/**
 * A project's deploy key: an ECDSA P-256 key pair ({@code ecdsa-sha2-nistp256}), which every forge takes as a
 * deploy key and which the JDK and Apache MINA SSHD handle without an extra crypto provider (Ed25519 would
 * need Bouncy Castle on Java 17). The public half travels as an OpenSSH line; the private half only as
 * PKCS#8 bytes to be sealed. Pure.
 */
public final class DeployKey {

    private DeployKey() {
    }

    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make P-256 keys", e);
        }
    }

    /** {@code ecdsa-sha2-nistp256 AAAA… comment}: what the user pastes into the forge's deploy-key page. */
    public static String openSsh(PublicKey key, String comment) {
        return PublicKeyEntry.toString(key) + " " + comment.replaceAll("\\s+", "-");
    }

    /** {@code SHA256:…}, as forges and {@code ssh-keygen -l} show it. */
    public static String fingerprint(PublicKey key) {
        return KeyUtils.getFingerPrint(key);
    }

    /** A stored public half (X.509 bytes). */
    public static PublicKey publicKey(byte[] encoded) {
        try {
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored deploy key is not a P-256 key", e);
        }
    }

    /** The key pair again from its stored halves: X.509 public bytes and (opened) PKCS#8 private bytes. */
    public static KeyPair of(byte[] publicKey, byte[] privateKey) {
        try {
            return new KeyPair(publicKey(publicKey),
                    KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(privateKey)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored deploy key is not a P-256 key pair", e);
        }
    }
}
