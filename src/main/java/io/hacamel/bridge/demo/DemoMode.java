package io.hacamel.bridge.demo;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hacamel.bridge.simulator.HaSimulator;
import io.hacamel.bridge.simulator.SimulatedHome;
import io.hacamel.bridge.simulator.SimulatorOptions;
import io.vertx.core.Vertx;
import org.apache.camel.support.service.ServiceSupport;

/**
 * What the bridge runs against when no Home Assistant is configured: the built-in simulator with a demo home of a few
 * dozen entities, some of which change every few seconds so that something visibly flows through the routes.
 */
public final class DemoMode extends ServiceSupport {

    private static final List<String> LIVELY_DOMAINS = List.of("sensor", "binary_sensor", "light", "switch");

    private final Vertx vertx;
    private final long changeIntervalMillis;
    private final String token = "demo-" + UUID.randomUUID();
    private HaSimulator simulator;
    private long timer = -1;

    private DemoMode(Vertx vertx, long changeIntervalMillis) {
        this.vertx = vertx;
        this.changeIntervalMillis = changeIntervalMillis;
    }

    /** Starts the simulator (on a free port) and the demo activity. */
    public static DemoMode start(Vertx vertx, long changeIntervalMillis) {
        DemoMode demo = new DemoMode(vertx, changeIntervalMillis);
        demo.start();
        return demo;
    }

    public String url() {
        return simulator.httpUrl();
    }

    public String token() {
        return token;
    }

    @Override
    protected void doStart() {
        simulator = HaSimulator.start(new SimulatorOptions().vertx(vertx).port(0).token(token)
                .home(SimulatedHome.demo()));
        timer = vertx.setPeriodic(changeIntervalMillis, id -> changeSomething());
    }

    @Override
    protected void doStop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
        if (simulator != null) {
            simulator.close();
            simulator = null;
        }
    }

    private void changeSomething() {
        SimulatedHome home = simulator.home();
        List<String> candidates = home.entityIds().stream()
                .filter(id -> LIVELY_DOMAINS.contains(id.substring(0, id.indexOf('.')))).toList();
        if (candidates.isEmpty()) {
            return;
        }
        String entityId = candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
        ObjectNode state = home.state(entityId);
        if (state == null) {
            return;
        }
        String current = state.path("state").asText();
        ObjectNode attributes = state.path("attributes").isObject() ? ((ObjectNode) state.get("attributes")).deepCopy()
                : null;
        home.setState(entityId, next(current), attributes);
    }

    /** On/off entities flip; numeric sensors drift a little; anything else is left as it is. */
    private static String next(String current) {
        switch (current) {
            case "on":
                return "off";
            case "off":
                return "on";
            default:
                try {
                    double value = Double.parseDouble(current);
                    double drift = (ThreadLocalRandom.current().nextDouble() - 0.5) * Math.max(1.0, Math.abs(value) * 0.02);
                    return String.valueOf(Math.round((value + drift) * 10.0) / 10.0);
                } catch (NumberFormatException e) {
                    return current;
                }
        }
    }
}
