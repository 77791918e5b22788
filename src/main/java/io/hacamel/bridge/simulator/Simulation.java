package io.hacamel.bridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * What the protocol code of one simulator shares. All connections and timers run on {@code context}, one event
 * loop, so per-connection state needs no locking.
 */
record Simulation(Vertx vertx, Context context, SimulatorOptions options, SimulatedHome home, SimulatorStats stats,
                  SimulatorRecorder recorder, AccessTokens tokens, ActiveFaults faults, ClientConnections connections) {

    void record(int connection, JsonNode message) {
        if (recorder != null) {
            recorder.record(connection, message);
        }
    }
}
