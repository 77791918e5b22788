package io.hacamel.bridge.client;

import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;

/** Counters and timestamps of one Home Assistant session, read by health checks, /status and metrics. */
public final class HaConnectionStats {

    final LongAdder connectAttempts = new LongAdder();
    final LongAdder connectFailures = new LongAdder();
    final LongAdder reconnects = new LongAdder();
    final LongAdder authFailures = new LongAdder();
    final LongAdder messagesReceived = new LongAdder();
    final LongAdder eventsReceived = new LongAdder();
    final LongAdder malformedFrames = new LongAdder();
    final LongAdder requestsSent = new LongAdder();
    final LongAdder pingsSent = new LongAdder();
    final LongAdder missedPongs = new LongAdder();
    final LongAdder resyncs = new LongAdder();
    final LongAdder resyncEvents = new LongAdder();
    volatile String haVersion;
    volatile Instant connectedSince;
    volatile Instant disconnectedSince;
    volatile long lastConnectMillis = -1;
    volatile long lastResyncMillis = -1;
    volatile int consecutiveFailures;
    volatile String lastError;

    public long connectAttempts() {
        return connectAttempts.sum();
    }

    public long connectFailures() {
        return connectFailures.sum();
    }

    /** Sessions re-established after a loss (the first connect is not a reconnect). */
    public long reconnects() {
        return reconnects.sum();
    }

    public long authFailures() {
        return authFailures.sum();
    }

    public long messagesReceived() {
        return messagesReceived.sum();
    }

    public long eventsReceived() {
        return eventsReceived.sum();
    }

    public long malformedFrames() {
        return malformedFrames.sum();
    }

    public long requestsSent() {
        return requestsSent.sum();
    }

    public long pingsSent() {
        return pingsSent.sum();
    }

    public long missedPongs() {
        return missedPongs.sum();
    }

    public long resyncs() {
        return resyncs.sum();
    }

    /** Events the bridge made itself during resyncs (changes and removals it noticed). */
    public long resyncEvents() {
        return resyncEvents.sum();
    }

    public String haVersion() {
        return haVersion;
    }

    /** Since when the session is authenticated; null while disconnected. */
    public Instant connectedSince() {
        return connectedSince;
    }

    /** Since when the session is down; null while connected or before the first connect. */
    public Instant disconnectedSince() {
        return disconnectedSince;
    }

    /** Milliseconds the last successful connect took, from opening the socket to {@code auth_ok}. */
    public long lastConnectMillis() {
        return lastConnectMillis;
    }

    /** Milliseconds the last get_states and reconcile took. */
    public long lastResyncMillis() {
        return lastResyncMillis;
    }

    /** Failed connect attempts since the session was last ready. */
    public int consecutiveFailures() {
        return consecutiveFailures;
    }

    public String lastError() {
        return lastError;
    }
}
