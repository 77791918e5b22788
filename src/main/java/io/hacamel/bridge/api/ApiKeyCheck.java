package io.hacamel.bridge.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * One key of the API (the bridge's API key, or the optional metrics key), kept as a SHA-256 digest and compared in
 * constant time, digest to digest, so that not even a key's length leaks through timing. A check without a key
 * accepts nothing.
 */
public final class ApiKeyCheck {

    private static final ApiKeyCheck NONE = new ApiKeyCheck(null);

    private final byte[] expectedDigest;

    private ApiKeyCheck(String key) {
        this.expectedDigest = key == null || key.isBlank() ? null : digest(key.trim());
    }

    /** The check for this key; an empty or null key is no key. */
    public static ApiKeyCheck of(String key) {
        return key == null || key.isBlank() ? NONE : new ApiKeyCheck(key);
    }

    public boolean isEnabled() {
        return expectedDigest != null;
    }

    /** True when {@code presentedKey} is this key. */
    public boolean accepts(String presentedKey) {
        return expectedDigest != null && presentedKey != null
                && MessageDigest.isEqual(expectedDigest, digest(presentedKey.trim()));
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
