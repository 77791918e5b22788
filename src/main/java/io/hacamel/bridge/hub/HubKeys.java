package io.hacamel.bridge.hub;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The keys a hub client may present: the bridge's API key ({@code bridge.api-key}) and the hub's client keys
 * ({@code hub.client-api-keys}). Kept as SHA-256 digests and compared in constant time with every key, so that
 * neither a key's length nor which key matched leaks through timing. Without any key, every client is let in.
 */
final class HubKeys {

    private final List<byte[]> digests = new ArrayList<>();

    HubKeys(String apiKey, String clientKeys) {
        add(apiKey);
        Arrays.stream(clientKeys.split(",")).forEach(this::add);
    }

    boolean required() {
        return !digests.isEmpty();
    }

    boolean accepts(String presented) {
        if (presented == null) {
            return false;
        }
        byte[] digest = digest(presented.trim());
        boolean accepted = false;
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
