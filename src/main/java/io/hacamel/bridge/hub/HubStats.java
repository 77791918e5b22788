package io.hacamel.bridge.hub;

import java.time.Instant;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The hub's counters, kept as the bridge's meters ({@code habridge.hub.*}, see docs/metrics.md) and read back for
 * {@code GET /api/v1/websocket/stats}.
 */
final class HubStats {

    /** Why the hub refused a client message. */
    enum Rejection { TOO_LARGE, RATE_LIMITED, INVALID, BINARY }

    /** Why a client went away; CLIENT when the client closed or lost the connection itself. */
    enum Disconnect {
        CLIENT, BUFFER_FULL, WRITE_TIMEOUT, READ_TIMEOUT, TOO_LARGE, INVALID_UTF8, UNAUTHORIZED, RATE_LIMITED,
        TOO_MANY_CLIENTS, TOO_MANY_UNAUTHENTICATED, TOO_MANY_FROM_ADDRESS, STOPPING
    }

    private final MeterRegistry registry;
    private final Counter connections;
    private final Counter sent;
    private final Counter received;
    private final Counter broadcasts;
    private final Counter coalesced;
    private volatile Instant lastActivity;

    HubStats(MeterRegistry registry) {
        this.registry = registry;
        connections = Counter.builder("habridge.hub.connections").description("WebSocket connections accepted at /ws")
                .register(registry);
        sent = Counter.builder("habridge.hub.messages.sent").description("Messages written to hub clients")
                .register(registry);
        received = Counter.builder("habridge.hub.messages.received").description("Messages received from hub clients")
                .register(registry);
        broadcasts = Counter.builder("habridge.hub.broadcasts")
                .description("Messages broadcast to every client through the API").register(registry);
        coalesced = Counter.builder("habridge.hub.messages.coalesced")
                .description("State changes merged into a waiting one of the same entity for a lagging client")
                .register(registry);
        for (Rejection reason : Rejection.values()) {
            rejectionCounter(reason);
        }
        for (Disconnect reason : Disconnect.values()) {
            disconnectCounter(reason);
        }
    }

    /** Meters that read the hub's state when scraped. */
    void bind(WebSocketHub hub, AreaIndex areas) {
        Gauge.builder("habridge.hub.clients", hub, WebSocketHub::authenticatedClients)
                .description("Hub clients connected and authenticated").register(registry);
        Gauge.builder("habridge.hub.send.buffered", hub, WebSocketHub::bufferedMessages)
                .description("Messages waiting in the clients' send buffers").register(registry);
        Gauge.builder("habridge.hub.areas", areas, index -> index.areas().size())
                .description("Home Assistant areas known to the hub").register(registry);
        FunctionCounter.builder("habridge.hub.registry.loads", areas, AreaIndex::loads)
                .description("Loads of Home Assistant's area, device and entity registries").register(registry);
        FunctionCounter.builder("habridge.hub.registry.load.failures", areas, AreaIndex::failedLoads)
                .description("Registry loads that failed after their retries").register(registry);
    }

    void connected() {
        connections.increment();
        touch();
    }

    void sent() {
        sent.increment();
        touch();
    }

    void received() {
        received.increment();
        touch();
    }

    void broadcast() {
        broadcasts.increment();
    }

    void coalesced() {
        coalesced.increment();
    }

    long messagesCoalesced() {
        return (long) coalesced.count();
    }

    void rejected(Rejection reason) {
        rejectionCounter(reason).increment();
    }

    void disconnected(Disconnect reason) {
        disconnectCounter(reason).increment();
    }

    long totalConnections() {
        return (long) connections.count();
    }

    long messagesSent() {
        return (long) sent.count();
    }

    long messagesReceived() {
        return (long) received.count();
    }

    long disconnects(Disconnect reason) {
        return (long) disconnectCounter(reason).count();
    }

    long rejections(Rejection reason) {
        return (long) rejectionCounter(reason).count();
    }

    Instant lastActivity() {
        return lastActivity;
    }

    private void touch() {
        lastActivity = Instant.now();
    }

    private Counter rejectionCounter(Rejection reason) {
        return counter("habridge.hub.messages.rejected", "Client messages refused", reason.name());
    }

    private Counter disconnectCounter(Disconnect reason) {
        return counter("habridge.hub.disconnects", "Clients gone, by reason", reason.name());
    }

    private Counter counter(String name, String description, String reason) {
        return Counter.builder(name).description(description).tag("reason", reason.toLowerCase())
                .register(registry);
    }
}
