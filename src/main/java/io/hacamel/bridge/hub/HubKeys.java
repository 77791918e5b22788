package io.hacamel.bridge.hub;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.hacamel.bridge.api.ApiKeyCheck;

/**
 * The keys a hub client may present: the bridge's API key and the hub's client keys ({@code hub.client-api-keys}).
 * Kept as SHA-256 digests and compared in constant time with every key, so that neither a key's length nor which key
 * matched leaks through timing. A key is asked for unless reading needs none ({@code api.public-reads}, or the demo
 * mode without a key) and no client key is configured.
 */
final class HubKeys {

    private final ApiKeyCheck apiKey;
    private final List<byte[]> digests = new ArrayList<>();
    private final boolean required;

    HubKeys(ApiKeyCheck apiKey, String clientKeys, boolean readsNeedKey) {
        this.apiKey = apiKey;
        Arrays.stream(clientKeys.split(",")).forEach(this::add);
        this.required = readsNeedKey || !digests.isEmpty();
    }

    boolean required() {
        return required;
    }

    boolean accepts(String presented) {
        if (presented == null) {
            return false;
        }
        byte[] digest = digest(presented.trim());
        boolean accepted = apiKey.accepts(presented);
        for (byte[] expected : digests) {
            accepted |= MessageDigest.isEqual(expected, digest);
        }
        return accepted;
    }

    private void add(String key) {
        if (key != null && !key.isBlank()) {
            digests.add(digest(key.trim()));
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
