package io.hacamel.bridge.simulator;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The websocket connections open right now. */
final class ClientConnections {

    private final Map<Integer, WebSocketSession> sessions = new ConcurrentHashMap<>();

    void add(WebSocketSession session) {
        sessions.put(session.number(), session);
    }

    void remove(WebSocketSession session) {
        sessions.remove(session.number());
    }

    List<WebSocketSession> all() {
        return List.copyOf(sessions.values());
    }

    List<WebSocketSession> authenticated() {
        return sessions.values().stream().filter(WebSocketSession::isAuthenticated).toList();
    }
}
