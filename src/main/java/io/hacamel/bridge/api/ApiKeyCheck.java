package io.hacamel.bridge.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.apache.camel.Exchange;

/**
 * Guards the API's write and admin operations with the bridge's API key ({@code bridge.api-key}, env
 * {@code BRIDGE_API_KEY}), sent as {@code Authorization: Bearer <key>}. Keys are compared in constant time, as
 * digests so that not even their length leaks. Without a configured key every caller is let through.
 */
public final class ApiKeyCheck {

    private final byte[] expectedDigest;

    public ApiKeyCheck(String apiKey) {
        this.expectedDigest = apiKey == null || apiKey.isBlank() ? null : digest(apiKey.trim());
    }

    public boolean isEnabled() {
        return expectedDigest != null;
    }

    /** True when the key is right, or when no key is configured. */
    public boolean accepts(String presentedKey) {
        if (expectedDigest == null) {
            return true;
        }
        return presentedKey != null && MessageDigest.isEqual(expectedDigest, digest(presentedKey));
    }

    /** For routes: fails with 401 unless the request carries the key; the header is removed either way. */
    public void check(Exchange exchange) {
        String authorization = exchange.getMessage().getHeader("Authorization", String.class);
        exchange.getMessage().removeHeader("Authorization");
        String presented = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : null;
        if (!accepts(presented)) {
            throw new ApiException(401, presented == null
                    ? "this operation needs the bridge's API key: Authorization: Bearer <key>"
                    : "the API key is not valid");
        }
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
