package io.hacamel.bridge.simulator;

import java.time.Duration;
import java.util.Objects;

/** Scriptable misbehaviour for tests. Thread-safe; {@link #reset()} puts everything back to normal. */
public final class SimulatorFaults {

    /** A frame cut off in the middle of a state_changed event. */
    static final String MALFORMED_FRAME = "{\"id\":1,\"type\":\"event\",\"event\":{\"event_type\":\"state_changed\","
        + "\"data\":{\"entity_id\":\"light.trunc";

    private final ActiveFaults active;
    private final ClientConnections connections;
    private final SimulatorServer server;
    private final AccessTokens tokens;

    SimulatorFaults(ActiveFaults active, ClientConnections connections, SimulatorServer server, AccessTokens tokens) {
        this.active = active;
        this.connections = connections;
        this.server = server;
        this.tokens = tokens;
    }

    /** Drops every client's TCP connection at once, without a close frame. */
    public void dropConnections() {
        connections.all().forEach(WebSocketSession::abort);
    }

    /** Closes every client cleanly: what is queued is written, then a close frame with {@code code}. */
    public void closeConnections(int code) {
        connections.all().forEach(session -> session.close((short) code));
    }

    /**
     * Half-open connections: TCP stays up and client messages are read, but nothing is answered or sent, not even
     * websocket pongs; events that happen meanwhile are lost.
     */
    public void goSilent(boolean silent) {
        active.silent(silent);
    }

    /** Delays every command answer (results, errors, pongs) by {@code delay}; events are not delayed. */
    public void delayResults(Duration delay) {
        active.resultDelay(Objects.requireNonNull(delay));
    }

    /**
     * Stops listening so that connection attempts are refused, or listens again on the same port. Stopping drops
     * the connected clients too, like a Home Assistant that went away. Blocks until done; call it off the event loop.
     */
    public void refuseConnections(boolean refuse) {
        if (refuse) {
            server.stop();
        } else {
            server.listen();
        }
    }

    /** Sends {@code frame} as it is to every authenticated client. */
    public void sendRaw(String frame) {
        connections.authenticated().forEach(session -> session.sendFrame(frame));
    }

    /** Sends a truncated JSON frame to every authenticated client. */
    public void sendMalformed() {
        sendRaw(MALFORMED_FRAME);
    }

    /** Sends a valid event frame of {@code bytes} bytes to every authenticated client, on its first subscription. */
    public void sendOversized(int bytes) {
        for (WebSocketSession session : connections.authenticated()) {
            session.sendFrame(OversizedFrame.of(session.firstSubscriptionId(), bytes));
        }
    }

    /**
     * No token is valid any more: the next auth gets auth_invalid. Like Home Assistant revoking a refresh token,
     * the clients that authenticated with it are disconnected.
     */
    public void revokeToken() {
        tokens.revoke();
        connections.authenticated().forEach(session -> session.close((short) 1000));
    }

    /** Makes {@code token} the one valid token, replacing the configured one until {@link #reset()}. */
    public void acceptToken(String token) {
        tokens.accept(Objects.requireNonNull(token));
    }

    /** The next {@code count} commands of {@code commandType} run (state changes, events) but get no answer. */
    public void withholdNextResults(int count, String commandType) {
        active.withhold(count, Objects.requireNonNull(commandType));
    }

    /** The next {@code count} websocket call_service commands fail with this error, without running. */
    public void failNextCalls(int count, String code, String message) {
        active.failCalls(count, Objects.requireNonNull(code), Objects.requireNonNull(message));
    }

    /** The REST API answers every request with 500. */
    public void restDown(boolean down) {
        active.restDown(down);
    }

    /** The REST API never answers. */
    public void restHang(boolean hang) {
        active.restHang(hang);
    }

    /**
     * New connections never get {@code auth_required}, as when a client's websocket library loses the frame that
     * shares a TCP packet with the 101 response; Home Assistant still reads the client's {@code auth}.
     */
    public void loseAuthRequired(boolean lose) {
        active.loseAuthRequired(lose);
    }

    /** Back to normal: no faults, the configured token, listening. */
    public void reset() {
        active.reset();
        tokens.reset();
        server.listen();
    }
}
