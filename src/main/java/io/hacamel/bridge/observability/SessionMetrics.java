package io.hacamel.bridge.observability;

import java.util.function.ToDoubleFunction;

import io.hacamel.bridge.api.SessionStatus;
import io.hacamel.bridge.client.ConnectionState;
import io.hacamel.bridge.client.HaConnection;
import io.hacamel.bridge.client.HaConnectionStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The Home Assistant session's meters. Every meter of the bridge is named {@code habridge_<area>_<what>} (Prometheus
 * conventions: base units, {@code _total} for counters, which Micrometer adds) and listed in docs/metrics.md.
 */
public final class SessionMetrics {

    private SessionMetrics() {
    }

    /** Meters that read the session when scraped; zero while the component has not started it yet. */
    public static void bind(MeterRegistry registry, SessionStatus session) {
        Gauge.builder("habridge.ha.connected", session, s -> s.state() == ConnectionState.READY ? 1 : 0)
                .description("1 when the session to Home Assistant is authenticated, subscribed and in sync")
                .register(registry);
        for (ConnectionState state : ConnectionState.values()) {
            Gauge.builder("habridge.ha.connection.state", session, s -> s.state() == state ? 1 : 0)
                    .tag("state", state.name().toLowerCase()).description("1 for the session's current state")
                    .register(registry);
        }
        gauge(registry, "habridge.ha.connect.duration.seconds", "How long the last successful connect took",
                session, c -> c.stats().lastConnectMillis() / 1000.0);
        gauge(registry, "habridge.ha.pending.requests", "Commands sent and waiting for their result", session,
                HaConnection::pendingRequests);
        gauge(registry, "habridge.ha.known.entities", "Entities whose state the session knows", session,
                HaConnection::knownEntities);
        counter(registry, "habridge.ha.connect.attempts", "Connect attempts", session, HaConnectionStats::connectAttempts);
        counter(registry, "habridge.ha.connect.failures", "Connect attempts that failed", session,
                HaConnectionStats::connectFailures);
        counter(registry, "habridge.ha.reconnects", "Sessions re-established after a loss", session,
                HaConnectionStats::reconnects);
        counter(registry, "habridge.ha.auth.failures", "auth_invalid answers", session, HaConnectionStats::authFailures);
        counter(registry, "habridge.ha.messages.received", "Messages read from Home Assistant", session,
                HaConnectionStats::messagesReceived);
        counter(registry, "habridge.ha.frames.malformed", "Frames skipped because they could not be read", session,
                HaConnectionStats::malformedFrames);
        counter(registry, "habridge.ha.requests.sent", "Commands written to Home Assistant", session,
                HaConnectionStats::requestsSent);
        counter(registry, "habridge.ha.pings", "Heartbeat pings sent", session, HaConnectionStats::pingsSent);
        counter(registry, "habridge.ha.pongs.missed", "Pings that got no pong in time", session,
                HaConnectionStats::missedPongs);
        counter(registry, "habridge.ha.resyncs", "Resyncs of every state after a (re)connect", session,
                HaConnectionStats::resyncs);
    }

    private static void gauge(MeterRegistry registry, String name, String description, SessionStatus session,
            ToDoubleFunction<HaConnection> value) {
        Gauge.builder(name, session, s -> s.connection() == null ? 0 : value.applyAsDouble(s.connection()))
                .description(description).register(registry);
    }

    private static void counter(MeterRegistry registry, String name, String description, SessionStatus session,
            ToDoubleFunction<HaConnectionStats> count) {
        FunctionCounter.builder(name, session, s -> s.connection() == null ? 0 : count.applyAsDouble(s.connection().stats()))
                .description(description).register(registry);
    }
}
