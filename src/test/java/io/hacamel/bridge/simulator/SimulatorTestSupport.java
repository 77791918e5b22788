package io.hacamel.bridge.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** One Vert.x per test class, shared with the simulators; simulators and clients are closed after each test. */
abstract class SimulatorTestSupport {

    static Vertx vertx;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        TestClient.await(vertx.close().toCompletionStage().toCompletableFuture());
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        toClose.clear();
    }

    HaSimulator start(SimulatorOptions options) {
        return closing(HaSimulator.start(options.vertx(vertx)));
    }

    HaSimulator start() {
        return start(new SimulatorOptions());
    }

    TestClient connect(HaSimulator simulator) {
        return closing(TestClient.connect(simulator.websocketUrl()));
    }

    TestClient authenticated(HaSimulator simulator) {
        return closing(TestClient.authenticated(simulator));
    }

    /** Authenticated, with coalesced array frames negotiated, subscribed to state changes. */
    TestClient coalescingSubscriber(HaSimulator simulator) {
        TestClient client = authenticated(simulator);
        ObjectNode features = TestClient.command("supported_features");
        features.putObject("features").put("coalesce_messages", 1);
        client.result(client.send(features));
        client.result(client.send(TestClient.command("subscribe_events").put("event_type", "state_changed")));
        return client;
    }

    <T extends AutoCloseable> T closing(T resource) {
        toClose.add(resource);
        return resource;
    }
}
