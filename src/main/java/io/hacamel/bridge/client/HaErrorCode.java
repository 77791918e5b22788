package io.hacamel.bridge.client;

/**
 * The numbered ways a call to Home Assistant can fail, in the spirit of home-assistant-js-websocket's ERR_* constants.
 * {@link #delivered()} tells whether Home Assistant may have acted on the request, which is what decides whether a
 * non-idempotent command may be retried elsewhere.
 */
public enum HaErrorCode {

    /** The TCP/TLS connection or the WebSocket upgrade failed. Nothing was sent. */
    CANNOT_CONNECT(1, false),
    /** Home Assistant answered {@code auth_invalid}: the token is wrong or revoked. Final, never retried. */
    INVALID_AUTH(2, false),
    /** The connection dropped after the request was written: Home Assistant may or may not have acted on it. */
    CONNECTION_LOST(3, true),
    /** The request was written but no answer came within the timeout: the outcome is unknown. */
    TIMEOUT(4, true),
    /** There was no authenticated session when the request was made, or writing it failed. Nothing was sent. */
    NOT_CONNECTED(5, false),
    /** Home Assistant answered with {@code success: false}; see {@link HaException#haCode()}. */
    HOME_ASSISTANT_ERROR(6, true),
    /** The handshake (auth_required, auth, auth_ok) did not complete within its timeout. */
    HANDSHAKE_TIMEOUT(7, false),
    /** Home Assistant sent something that breaks the protocol (e.g. an unexpected message during the handshake). */
    PROTOCOL_ERROR(8, false);

    private final int number;
    private final boolean delivered;

    HaErrorCode(int number, boolean delivered) {
        this.number = number;
        this.delivered = delivered;
    }

    public int number() {
        return number;
    }

    /** True when the request reached (or may have reached) Home Assistant. */
    public boolean delivered() {
        return delivered;
    }
}
