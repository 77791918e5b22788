package io.hacamel.bridge.client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Settings of one Home Assistant session. Defaults follow the design notes: handshake 10 s, requests 5 s, a ping every
 * 30 s answered within 10 s, reconnect backoff 1 s doubling to 60 s with up to 10 % jitter, frames up to 16 MiB.
 */
public final class HaClientOptions {

    private String url;
    private Supplier<String> token = () -> null;
    private Duration handshakeTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(5);
    private Duration pingInterval = Duration.ofSeconds(30);
    private Duration pongTimeout = Duration.ofSeconds(10);
    private Duration reconnectInitialDelay = Duration.ofSeconds(1);
    private double reconnectMultiplier = 2.0;
    private Duration reconnectMaxDelay = Duration.ofSeconds(60);
    private double reconnectJitter = 0.1;
    private int reconnectMaxAttempts;
    private int maxFrameSize = 16 * 1024 * 1024;
    private Path trustedCaFile;
    private boolean insecure;

    public String url() {
        return url;
    }

    public HaClientOptions url(String url) {
        this.url = url;
        return this;
    }

    /** Read at every connect, so a rotated token file takes effect on the next reconnect. */
    public Supplier<String> token() {
        return token;
    }

    public HaClientOptions token(Supplier<String> token) {
        this.token = Objects.requireNonNull(token);
        return this;
    }

    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    public HaClientOptions handshakeTimeout(Duration handshakeTimeout) {
        this.handshakeTimeout = positive(handshakeTimeout, "handshake timeout");
        return this;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    public HaClientOptions requestTimeout(Duration requestTimeout) {
        this.requestTimeout = positive(requestTimeout, "request timeout");
        return this;
    }

    public Duration pingInterval() {
        return pingInterval;
    }

    public HaClientOptions pingInterval(Duration pingInterval) {
        this.pingInterval = positive(pingInterval, "ping interval");
        return this;
    }

    public Duration pongTimeout() {
        return pongTimeout;
    }

    public HaClientOptions pongTimeout(Duration pongTimeout) {
        this.pongTimeout = positive(pongTimeout, "pong timeout");
        return this;
    }

    public Backoff backoff() {
        return new Backoff(reconnectInitialDelay, reconnectMultiplier, reconnectMaxDelay, reconnectJitter,
                reconnectMaxAttempts);
    }

    public HaClientOptions reconnect(Duration initialDelay, double multiplier, Duration maxDelay, double jitter,
            int maxAttempts) {
        new Backoff(initialDelay, multiplier, maxDelay, jitter, maxAttempts); // validates
        this.reconnectInitialDelay = initialDelay;
        this.reconnectMultiplier = multiplier;
        this.reconnectMaxDelay = maxDelay;
        this.reconnectJitter = jitter;
        this.reconnectMaxAttempts = maxAttempts;
        return this;
    }

    public int maxFrameSize() {
        return maxFrameSize;
    }

    public HaClientOptions maxFrameSize(int maxFrameSize) {
        if (maxFrameSize < 64 * 1024) {
            throw new IllegalArgumentException("max frame size must be at least 64 KiB, was " + maxFrameSize);
        }
        this.maxFrameSize = maxFrameSize;
        return this;
    }

    /** A PEM file of the CA(s) that signed Home Assistant's certificate, for {@code wss://} with a private CA. */
    public Path trustedCaFile() {
        return trustedCaFile;
    }

    public HaClientOptions trustedCaFile(Path trustedCaFile) {
        this.trustedCaFile = trustedCaFile;
        return this;
    }

    /** Accept any certificate and host name. Only for testing; logged loudly. */
    public boolean insecure() {
        return insecure;
    }

    public HaClientOptions insecure(boolean insecure) {
        this.insecure = insecure;
        return this;
    }

    private static Duration positive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }

    @Override
    public String toString() {
        return "HaClientOptions[url=" + url + ", token=****]";
    }
}
