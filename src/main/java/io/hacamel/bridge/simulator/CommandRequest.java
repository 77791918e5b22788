package io.hacamel.bridge.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One websocket command being handled, and the ways to answer it. */
final class CommandRequest {

    private final WebSocketSession session;
    private final ObjectNode message;
    private final long id;
    private final boolean withheld;

    /** @param withheld the answer must never be sent (the "sent, no answer" fault) */
    CommandRequest(WebSocketSession session, ObjectNode message, long id, boolean withheld) {
        this.session = session;
        this.message = message;
        this.id = id;
        this.withheld = withheld;
    }

    WebSocketSession session() {
        return session;
    }

    Simulation simulation() {
        return session.simulation();
    }

    SimulatedHome home() {
        return session.simulation().home();
    }

    ObjectNode message() {
        return message;
    }

    long id() {
        return id;
    }

    /** A success result; {@code resultJson} is JSON already ("null" for none). */
    void result(String resultJson) {
        answer(Messages.result(id, resultJson));
    }

    void error(String code, String errorMessage) {
        answer(Messages.error(id, code, errorMessage));
    }

    void error(ServiceException failure) {
        answer(Messages.error(Long.toString(id), failure.code(), failure.getMessage(), failure.translationKey()));
    }

    void pong() {
        answer(Messages.pong(id));
    }

    private void answer(String frame) {
        if (!withheld) {
            session.respond(frame);
        }
    }
}
