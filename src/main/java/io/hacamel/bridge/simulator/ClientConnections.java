package io.hacamel.bridge.simulator;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The websocket connections open right now. */
final class ClientConnections {

    private final Map<Integer, WebSocketSession> sessions = new ConcurrentHashMap<>();
    private final List<Promise<Void>> waitingForNone = new ArrayList<>();

    void add(WebSocketSession session) {
        sessions.put(session.number(), session);
    }

    void remove(WebSocketSession session) {
        sessions.remove(session.number());
        List<Promise<Void>> done = new ArrayList<>();
        synchronized (waitingForNone) {
            if (sessions.isEmpty()) {
                done.addAll(waitingForNone);
                waitingForNone.clear();
            }
        }
        done.forEach(Promise::tryComplete);
    }

    List<WebSocketSession> all() {
        return List.copyOf(sessions.values());
    }

    List<WebSocketSession> authenticated() {
        return sessions.values().stream().filter(WebSocketSession::isAuthenticated).toList();
    }

    /** Completes once no connection is open, so that a stopped server has really let go of every client. */
    Future<Void> noneOpen() {
        Promise<Void> promise = Promise.promise();
        synchronized (waitingForNone) {
            if (!sessions.isEmpty()) {
                waitingForNone.add(promise);
                return promise.future();
            }
        }
        return Future.succeededFuture();
    }
}
