package io.hacamel.bridge.simulator;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Objects;

/** How to start a {@link HaSimulator}; fluent setters, getters of the same name. */
public final class SimulatorOptions {

    public static final String DEFAULT_TOKEN = "simulator-long-lived-token";

    private Vertx vertx;
    private String host = "127.0.0.1";
    private int port;
    private String token = DEFAULT_TOKEN;
    private String haVersion = "2023.6.3";
    private SimulatedHome home;
    private String tlsCertPath;
    private String tlsKeyPath;
    private boolean recordFrames;
    private Duration authTimeout = Duration.ofSeconds(10);
    private Duration heartbeat = Duration.ofSeconds(55);
    private SlowConsumerLimits slowConsumerLimits = SlowConsumerLimits.HOME_ASSISTANT;
    private int maxOutboundFrameBytes = 256 * 1024 * 1024;

    /** A shared Vert.x; without one the simulator makes its own and closes it on {@link HaSimulator#close()}. */
    public SimulatorOptions vertx(Vertx value) {
        vertx = value;
        return this;
    }

    public Vertx vertx() {
        return vertx;
    }

    public SimulatorOptions host(String value) {
        host = Objects.requireNonNull(value);
        return this;
    }

    public String host() {
        return host;
    }

    /** 0, the default, picks a free port. */
    public SimulatorOptions port(int value) {
        port = value;
        return this;
    }

    public int port() {
        return port;
    }

    /** The one valid long-lived access token. */
    public SimulatorOptions token(String value) {
        token = Objects.requireNonNull(value);
        return this;
    }

    public String token() {
        return token;
    }

    public SimulatorOptions haVersion(String value) {
        haVersion = Objects.requireNonNull(value);
        return this;
    }

    public String haVersion() {
        return haVersion;
    }

    /** The home to serve; {@link SimulatedHome#transcript()} when not set. */
    public SimulatorOptions home(SimulatedHome value) {
        home = value;
        return this;
    }

    public SimulatedHome home() {
        return home;
    }

    /** Serve https and wss with this PEM certificate (chain) and PEM private key. */
    public SimulatorOptions tls(String pemCertPath, String pemKeyPath) {
        tlsCertPath = Objects.requireNonNull(pemCertPath);
        tlsKeyPath = Objects.requireNonNull(pemKeyPath);
        return this;
    }

    public boolean tls() {
        return tlsCertPath != null;
    }

    public String tlsCertPath() {
        return tlsCertPath;
    }

    public String tlsKeyPath() {
        return tlsKeyPath;
    }

    /** Record every client message for {@link HaSimulator#recorder()}. */
    public SimulatorOptions recordFrames(boolean value) {
        recordFrames = value;
        return this;
    }

    public boolean recordFrames() {
        return recordFrames;
    }

    /** How long a new connection may take to send its auth message; Home Assistant allows 10 s. */
    public SimulatorOptions authTimeout(Duration value) {
        authTimeout = Objects.requireNonNull(value);
        return this;
    }

    public Duration authTimeout() {
        return authTimeout;
    }

    /** Interval of websocket protocol pings (Home Assistant: 55 s); zero turns them off. */
    public SimulatorOptions heartbeat(Duration value) {
        heartbeat = Objects.requireNonNull(value);
        return this;
    }

    public Duration heartbeat() {
        return heartbeat;
    }

    /** When to give up on a client that does not read; Home Assistant's limits unless set. */
    public SimulatorOptions slowConsumerLimits(SlowConsumerLimits value) {
        slowConsumerLimits = Objects.requireNonNull(value);
        return this;
    }

    public SlowConsumerLimits slowConsumerLimits() {
        return slowConsumerLimits;
    }

    /**
     * Outbound messages longer than this go out in several frames (a text frame and continuations), which Home
     * Assistant never does but the WebSocket protocol allows; by default nothing is split.
     */
    public SimulatorOptions maxOutboundFrameBytes(int value) {
        maxOutboundFrameBytes = value;
        return this;
    }

    public int maxOutboundFrameBytes() {
        return maxOutboundFrameBytes;
    }
}
