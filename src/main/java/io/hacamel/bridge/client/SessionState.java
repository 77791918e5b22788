package io.hacamel.bridge.client;

import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Where the session is in its life, and the listeners told of every change. The API, the connector and the
 * subscriptions all ask it whether a command may be sent now: only to the current socket, and only while the state
 * accepts requests. Changed on the connection's context; read from any thread.
 */
final class SessionState {

    private final Outbox outbox;
    private final CopyOnWriteArrayList<ConnectionListener> listeners = new CopyOnWriteArrayList<>();
    private volatile ConnectionState state = ConnectionState.STOPPED;

    SessionState(Outbox outbox) {
        this.outbox = outbox;
    }

    void addListener(ConnectionListener listener) {
        listeners.add(listener);
    }

    ConnectionState get() {
        return state;
    }

    /** Tells the listeners only when the state really changes. */
    void set(ConnectionState next, String reason) {
        ConnectionState previous = state;
        state = next;
        if (previous != next) {
            listeners.forEach(listener -> listener.onStateChanged(previous, next, reason));
        }
    }

    /** The socket commands go to when the session takes them, else null. */
    HaSocket connectedSocket() {
        HaSocket current = outbox.current();
        return current != null && state.acceptsRequests() ? current : null;
    }

    /** Why a command cannot be sent now, for its NOT_CONNECTED error. */
    String noSession() {
        return "no session with Home Assistant (" + state.name().toLowerCase() + ")";
    }
}
