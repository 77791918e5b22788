package io.hacamel.bridge.simulator;

import io.vertx.core.Vertx;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A simulated Home Assistant: its websocket API on /api/websocket and its REST API on one port, serving a
 * {@link SimulatedHome}, with faults, statistics, a recorder of client messages and a load generator.
 * Start and restart block until the server listens; call them off Vert.x event loops.
 */
public final class HaSimulator implements AutoCloseable {

    private final Vertx vertx;
    private final boolean ownsVertx;
    private final Simulation sim;
    private final SimulatorServer server;
    private final SimulatorFaults faults;
    private final LoadGenerator load;

    private HaSimulator(SimulatorOptions options) {
        this.ownsVertx = options.vertx() == null;
        this.vertx = ownsVertx ? Vertx.vertx() : options.vertx();
        SimulatedHome home = options.home() != null ? options.home() : SimulatedHome.transcript();
        AccessTokens tokens = new AccessTokens(options.token());
        this.sim = new Simulation(vertx, vertx.getOrCreateContext(), options, home, new SimulatorStats(),
            options.recordFrames() ? new SimulatorRecorder() : null, tokens, new ActiveFaults(),
            new ClientConnections());
        this.server = new SimulatorServer(sim);
        this.faults = new SimulatorFaults(sim.faults(), sim.connections(), server, tokens);
        this.load = new LoadGenerator(sim);
    }

    public static HaSimulator start(SimulatorOptions options) {
        HaSimulator simulator = new HaSimulator(options);
        try {
            simulator.server.listen();
        } catch (RuntimeException e) {
            simulator.close();
            throw e;
        }
        return simulator;
    }

    public int port() {
        return server.port();
    }

    /** {@code http://127.0.0.1:<port>}, https with TLS. */
    public String httpUrl() {
        return (sim.options().tls() ? "https://" : "http://") + sim.options().host() + ":" + port();
    }

    /** {@code ws://127.0.0.1:<port>/api/websocket}, wss with TLS. */
    public String websocketUrl() {
        return (sim.options().tls() ? "wss://" : "ws://") + sim.options().host() + ":" + port() + "/api/websocket";
    }

    public SimulatedHome home() {
        return sim.home();
    }

    public SimulatorFaults faults() {
        return faults;
    }

    public SimulatorStats stats() {
        return sim.stats();
    }

    /** The recorder of client messages; only with {@link SimulatorOptions#recordFrames(boolean)}. */
    public SimulatorRecorder recorder() {
        if (sim.recorder() == null) {
            throw new IllegalStateException("Start the simulator with recordFrames(true) to record client messages");
        }
        return sim.recorder();
    }

    public LoadGenerator load() {
        return load;
    }

    /**
     * Restarts like Home Assistant does: every client is dropped and the port closes, {@code changesWhileDown}
     * changes the home (nobody is connected, so nobody gets events), then the server listens on the same port.
     */
    public void restart(Consumer<SimulatedHome> changesWhileDown) {
        server.stop();
        changesWhileDown.accept(sim.home());
        server.listen();
    }

    @Override
    public void close() {
        load.stop();
        server.stop();
        if (ownsVertx) {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("Vert.x did not close", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
