package io.hacamel.bridge.hub;

import io.hacamel.bridge.Settings;

/**
 * The hub's limits from application.properties ({@code hub.*}). The keys themselves are not kept here but in
 * {@link HubKeys}, so that a settings object can be shown or logged without a secret in it; which pages may connect
 * ({@code hub.allowed-origins}) the API's gate decides, before the hub sees the request.
 *
 * @param maxClients          authenticated clients at once
 * @param pingIntervalMillis how often the hub pings a client: half the read timeout, so that a client on a slow link
 *                           has half of it to answer before the deadline (the seed's 54 s for 60 s left 6 s), and
 *                           at most half the API port's idle timeout, which would close a silent connection
 */
record HubSettings(int port, long authTimeoutMillis, int maxClients, int maxUnauthenticatedClients,
        int maxClientsPerAddress, int maxSubscriptionSize, int maxMessageBytes,
        int rateLimit, long readTimeoutMillis, long pingIntervalMillis, long writeTimeoutMillis, int sendBuffer,
        long heartbeatIntervalMillis) {

    static HubSettings from(Settings settings) {
        long readTimeout = settings.millis("hub.read-timeout");
        long silence = Math.min(readTimeout, settings.millis("api.idle-timeout"));
        return new HubSettings(Integer.parseInt(settings.get("camel.server.port")),
                settings.millis("hub.auth-timeout"),
                positive(settings, "hub.max-clients"), positive(settings, "hub.max-unauthenticated-clients"),
                positive(settings, "hub.max-clients-per-address"), positive(settings, "hub.max-subscription-size"),
                positive(settings, "hub.max-message-bytes"), positive(settings, "hub.rate-limit"), readTimeout,
                Math.max(1, silence / 2), settings.millis("hub.write-timeout"), positive(settings, "hub.send-buffer"),
                settings.millis("hub.heartbeat-interval"));
    }

    private static int positive(Settings settings, String key) {
        return settings.positiveInt(key);
    }
}
