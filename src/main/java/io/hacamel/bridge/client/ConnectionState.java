package io.hacamel.bridge.client;

/** Where a Home Assistant session is in its life. */
public enum ConnectionState {
    /** Not started, or stopped. */
    STOPPED,
    /** Opening the socket and doing the auth handshake. */
    CONNECTING,
    /** Authenticated; subscribing and re-syncing states. Requests are accepted. */
    AUTHENTICATED,
    /** Authenticated, subscribed and in sync: the healthy state. */
    READY,
    /** Lost or never reached; a reconnect is scheduled. */
    DISCONNECTED,
    /** Home Assistant rejected the token. Final: no reconnect until the bridge is restarted with a valid token. */
    AUTH_FAILED,
    /** The configured number of reconnect attempts is used up. Final. */
    GAVE_UP;

    public boolean acceptsRequests() {
        return this == AUTHENTICATED || this == READY;
    }

    public boolean isFinal() {
        return this == AUTH_FAILED || this == GAVE_UP;
    }
}
