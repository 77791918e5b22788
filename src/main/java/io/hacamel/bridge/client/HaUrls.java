package io.hacamel.bridge.client;

import java.net.URI;

/**
 * Derives Home Assistant's WebSocket and REST addresses from what a user configures: {@code http(s)://host:8123},
 * {@code ws(s)://host:8123} or the full {@code ws(s)://host:8123/api/websocket}.
 */
public final class HaUrls {

    private static final String WEBSOCKET_PATH = "/api/websocket";

    private HaUrls() {
    }

    public static URI websocket(String configured) {
        URI uri = parse(configured);
        String scheme = switch (uri.getScheme()) {
            case "http", "ws" -> "ws";
            case "https", "wss" -> "wss";
            default -> throw new IllegalArgumentException(
                    "Home Assistant URL must start with http://, https://, ws:// or wss://: " + configured);
        };
        return URI.create(scheme + "://" + uri.getRawAuthority() + basePath(uri) + WEBSOCKET_PATH);
    }

    /** The REST API's base, e.g. {@code http://host:8123}, without a trailing slash. */
    public static URI rest(String configured) {
        URI uri = parse(configured);
        String scheme = switch (uri.getScheme()) {
            case "http", "ws" -> "http";
            case "https", "wss" -> "https";
            default -> throw new IllegalArgumentException(
                    "Home Assistant URL must start with http://, https://, ws:// or wss://: " + configured);
        };
        return URI.create(scheme + "://" + uri.getRawAuthority() + basePath(uri));
    }

    private static URI parse(String configured) {
        if (configured == null || configured.isBlank()) {
            throw new IllegalArgumentException("Home Assistant URL is not set");
        }
        URI uri = URI.create(configured.trim());
        if (uri.getScheme() == null || uri.getRawAuthority() == null) {
            throw new IllegalArgumentException("Home Assistant URL must be absolute, e.g. http://homeassistant:8123");
        }
        return uri;
    }

    /** A path prefix, for Home Assistant behind a reverse proxy at e.g. {@code https://proxy/ha}. */
    private static String basePath(URI uri) {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (path.endsWith(WEBSOCKET_PATH)) {
            path = path.substring(0, path.length() - WEBSOCKET_PATH.length());
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path;
    }
}
