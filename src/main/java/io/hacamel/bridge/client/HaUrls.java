package io.hacamel.bridge.client;

import java.net.URI;

import io.hacamel.bridge.support.UrlUserInfo;

/**
 * Derives Home Assistant's WebSocket and REST addresses from what a user configures: {@code http(s)://host:8123},
 * {@code ws(s)://host:8123} or the full {@code ws(s)://host:8123/api/websocket}. A user name and password in it are
 * left out: Home Assistant takes the access token, Vert.x ignores them and Apache's HTTP client refuses them.
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
            default -> throw new IllegalArgumentException("Home Assistant URL must start with http://, https://, ws:// "
                    + "or wss://: " + UrlUserInfo.mask(configured));
        };
        return URI.create(scheme + "://" + uri.getRawAuthority() + basePath(uri) + WEBSOCKET_PATH);
    }

    /** The REST API's base, e.g. {@code http://host:8123}, without a trailing slash. */
    public static URI rest(String configured) {
        URI uri = parse(configured);
        String scheme = switch (uri.getScheme()) {
            case "http", "ws" -> "http";
            case "https", "wss" -> "https";
            default -> throw new IllegalArgumentException("Home Assistant URL must start with http://, https://, ws:// "
                    + "or wss://: " + UrlUserInfo.mask(configured));
        };
        return URI.create(scheme + "://" + uri.getRawAuthority() + basePath(uri));
    }

    private static URI parse(String configured) {
        if (configured == null || configured.isBlank()) {
            throw new IllegalArgumentException("Home Assistant URL is not set");
        }
        URI uri;
        try {
            uri = UrlUserInfo.strip(URI.create(configured.trim()));
        } catch (IllegalArgumentException e) {
            // not the parser's message: it quotes the URL, with its password if it has one
            throw new IllegalArgumentException("Home Assistant URL is not a valid URL: " + UrlUserInfo.mask(configured));
        }
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
