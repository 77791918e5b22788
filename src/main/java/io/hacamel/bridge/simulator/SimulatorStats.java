package io.hacamel.bridge.simulator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** What the simulator has seen and done, for assertions and benchmarks. Thread-safe; values are live. */
public final class SimulatorStats {

    private final AtomicInteger connected = new AtomicInteger();
    private final AtomicInteger authenticated = new AtomicInteger();
    private final AtomicLong totalConnections = new AtomicLong();
    private final AtomicLong authFailures = new AtomicLong();
    private final LongAdder eventsSent = new LongAdder();
    private final LongAdder framesReceived = new LongAdder();
    private final LongAdder restRequests = new LongAdder();
    private final LongAdder serviceCalls = new LongAdder();
    private final AtomicLong slowConsumerClosures = new AtomicLong();
    private final AtomicInteger maxPending = new AtomicInteger();
    private final AtomicInteger triggerSubscriptions = new AtomicInteger();
    private final Map<Integer, AtomicInteger> maxPendingByConnection = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> wsExecutions = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> restExecutions = new ConcurrentHashMap<>();

    SimulatorStats() {
    }

    /** Websocket connections open right now, authenticated or not. */
    public int connectedClients() {
        return connected.get();
    }

    public int authenticatedClients() {
        return authenticated.get();
    }

    /** Websocket connections accepted since start. */
    public long totalConnections() {
        return totalConnections.get();
    }

    /** subscribe_trigger subscriptions in effect right now: answered, and seeing every change from then on. */
    public int triggerSubscriptions() {
        return triggerSubscriptions.get();
    }

    void triggerSubscriptionStarted() {
        triggerSubscriptions.incrementAndGet();
    }

    void triggerSubscriptionStopped() {
        triggerSubscriptions.decrementAndGet();
    }

    /** auth_invalid answers sent (bad token or malformed auth message). */
    public long authFailures() {
        return authFailures.get();
    }

    /** Executions of {@code domain.service} through the websocket and REST APIs together. */
    public long executions(String domainService) {
        return wsExecutions(domainService) + restExecutions(domainService);
    }

    public long wsExecutions(String domainService) {
        LongAdder count = wsExecutions.get(domainService);
        return count == null ? 0 : count.sum();
    }

    public long restExecutions(String domainService) {
        LongAdder count = restExecutions.get(domainService);
        return count == null ? 0 : count.sum();
    }

    /** Event messages queued to clients (one per subscription an event matched). */
    public long eventsSent() {
        return eventsSent.sum();
    }

    /** Websocket text and binary messages received from clients. */
    public long framesReceived() {
        return framesReceived.sum();
    }

    /** HTTP requests to the REST API, whatever their path or answer. */
    public long restRequests() {
        return restRequests.sum();
    }

    /** Service calls that reached Home Assistant (websocket call_service or REST), whether they ran or failed. */
    public long serviceCallsReceived() {
        return serviceCalls.sum();
    }

    /** The most outbound messages ever pending (queued or not yet flushed) on one connection. */
    public int maxPendingOutbound() {
        return maxPending.get();
    }

    /** Starts a new high-water mark of pending messages (all connections), e.g. for each step of a benchmark. */
    public void resetMaxPendingOutbound() {
        maxPending.set(0);
        maxPendingByConnection.clear();
    }

    /** Per connection number (1 for the first connection since start), the most outbound messages ever pending. */
    public Map<Integer, Integer> maxPendingOutboundByConnection() {
        Map<Integer, Integer> copy = new TreeMap<>();
        maxPendingByConnection.forEach((connection, max) -> copy.put(connection, max.get()));
        return copy;
    }

    /** Connections closed because the client did not keep up (Home Assistant's slow-consumer rule). */
    public long slowConsumerClosures() {
        return slowConsumerClosures.get();
    }

    // ---- recorded by the simulator ----

    int connectionOpened() {
        connected.incrementAndGet();
        return (int) totalConnections.incrementAndGet();
    }

    void connectionClosed(boolean wasAuthenticated) {
        connected.decrementAndGet();
        if (wasAuthenticated) {
            authenticated.decrementAndGet();
        }
    }

    void authenticated() {
        authenticated.incrementAndGet();
    }

    void authFailed() {
        authFailures.incrementAndGet();
    }

    void eventSent() {
        eventsSent.increment();
    }

    void frameReceived() {
        framesReceived.increment();
    }

    void restRequest() {
        restRequests.increment();
    }

    void serviceCallReceived() {
        serviceCalls.increment();
    }

    void pendingNow(int connection, int pending) {
        maxPending.accumulateAndGet(pending, Math::max);
        maxPendingByConnection.computeIfAbsent(connection, c -> new AtomicInteger())
            .accumulateAndGet(pending, Math::max);
    }

    void slowConsumerClosed() {
        slowConsumerClosures.incrementAndGet();
    }

    void executed(boolean viaRest, Iterable<String> services) {
        Map<String, LongAdder> counts = viaRest ? restExecutions : wsExecutions;
        for (String service : services) {
            counts.computeIfAbsent(service, s -> new LongAdder()).increment();
        }
    }
}
