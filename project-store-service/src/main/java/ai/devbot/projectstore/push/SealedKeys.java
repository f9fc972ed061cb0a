package ai.devbot.projectstore.push;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Deploy keys at rest: AES-256-GCM with a key-encryption key from the environment ({@code
 * DEVBOT_KEY_ENCRYPTION_KEY}), a random 12-byte nonce per seal, and the owning project bound in as associated
 * data — a sealed key copied to another project's row does not open. The setting is {@code <64 hex digits>}
 * (version 1) or, while rotating, {@code 2:<hex>,1:<hex>}: the first version seals, every listed one opens,
 * and each sealed key names its version. Pure.
 */
public final class SealedKeys {

    /** A sealed secret: the key version it was sealed with, then nonce ‖ ciphertext ‖ tag. */
    public record Sealed(int version, byte[] bytes) {
    }

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int current;
    private final Map<Integer, SecretKey> keys;

    private SealedKeys(int current, Map<Integer, SecretKey> keys) {
        this.current = current;
        this.keys = keys;
    }

    /** @throws IllegalArgumentException naming what is wrong with the setting (never echoing it) */
    public static SealedKeys parse(String setting) {
        if (setting == null || setting.isBlank()) {
            throw new IllegalArgumentException("no key-encryption key is set (DEVBOT_KEY_ENCRYPTION_KEY)");
        }
        Map<Integer, SecretKey> keys = new LinkedHashMap<>();
        int first = -1;
        for (String entry : setting.split(",")) {
            String[] parts = entry.strip().split(":", 2);
            int version;
            String hex;
            try {
                version = parts.length == 2 ? Integer.parseInt(parts[0].strip()) : 1;
                hex = parts[parts.length - 1].strip();
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("a key-encryption key's version is not a number");
            }
            if (!hex.matches("[0-9a-fA-F]{64}")) {
                throw new IllegalArgumentException("key-encryption key version " + version
                        + " is not 64 hex digits (32 random bytes)");
            }
            if (keys.put(version, new SecretKeySpec(HexFormat.of().parseHex(hex), "AES")) != null) {
                throw new IllegalArgumentException("key-encryption key version " + version + " is listed twice");
            }
            first = first < 0 ? version : first;
        }
        return new SealedKeys(first, Map.copyOf(keys));
    }

    public Sealed seal(byte[] secret, String boundTo) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.get(current), nonce, boundTo);
            byte[] sealed = cipher.doFinal(secret);
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return new Sealed(current, out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** @throws IllegalStateException when the version is unknown or the bytes (or binding) were changed */
    public byte[] open(Sealed sealed, String boundTo) {
        SecretKey key = keys.get(sealed.version());
        if (key == null) {
            throw new IllegalStateException("the key was sealed with key-encryption key version " + sealed.version()
                    + ", which is no longer configured");
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            System.arraycopy(sealed.bytes(), 0, nonce, 0, NONCE_BYTES);
            return cipher(Cipher.DECRYPT_MODE, key, nonce, boundTo)
                    .doFinal(sealed.bytes(), NONCE_BYTES, sealed.bytes().length - NONCE_BYTES);
        } catch (GeneralSecurityException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalStateException("a sealed key does not open: it was changed, or belongs elsewhere");
        }
    }

    /** True when the sealed key should be sealed again with the current version (rotation). */
    public boolean outdated(Sealed sealed) {
        return sealed.version() != current;
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] nonce, String boundTo) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(boundTo.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return cipher;
    }
}
