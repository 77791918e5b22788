package io.hacamel.bridge.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Changes the home's sensors at a steady rate, as a busy installation does. Every load event is a real state
 * change, so the home stays the truth: at any moment it holds the last value each entity was given.
 *
 * <p>A Vert.x timer on the simulation's event loop emits each tick's share of events; the frames come from the
 * pre-serialised state and event templates, and a client that negotiated coalescing gets each tick as array frames.
 */
public final class LoadGenerator {

    /** Told of every load change as it is made, on the simulation's event loop; must be cheap. For benchmarks. */
    @FunctionalInterface
    public interface Observer {

        /** @param nanoTime {@link System#nanoTime()} of the tick that made the change (its frames leave after it) */
        void changed(String entityId, String state, long nanoTime);
    }

    private static final long TICK_MILLIS = 10;
    /** A stalled event loop does not catch up with more than this much backlog at once. */
    private static final double MAX_BACKLOG_SECONDS = 0.5;
    private static final int NUMERIC_SPREAD_TENTHS = 200;

    private final Simulation sim;
    private final AtomicLong sent = new AtomicLong();
    private long timer = -1;
    private double rate;
    /** Changes each tick makes in a flood, whatever the time; 0 when a rate is asked for. */
    private int floodPerTick;
    private long startNanos;
    private long emittedSinceStart;
    private List<LoadTarget> targets = List.of();
    private int cursor;
    private volatile Observer observer;

    LoadGenerator(Simulation sim) {
        this.sim = sim;
    }

    /** Starts (or restarts at a new rate) changing entities; sensors and binary sensors when the home has them. */
    public synchronized void start(double eventsPerSecond) {
        if (eventsPerSecond <= 0) {
            throw new IllegalArgumentException("The rate must be positive");
        }
        stop();
        targets = LoadTarget.pick(sim.home());
        if (targets.isEmpty()) {
            throw new IllegalStateException("The home has no entities to change");
        }
        rate = eventsPerSecond;
        floodPerTick = 0;
        startNanos = System.nanoTime();
        emittedSinceStart = 0;
        sim.context().runOnContext(v -> {
            synchronized (this) {
                if (rate > 0 && timer < 0) {
                    timer = sim.vertx().setPeriodic(TICK_MILLIS, id -> tick());
                }
            }
        });
    }

    /**
     * Changes entities as fast as the simulation's event loop goes: {@code changesPerTick} every tick, with the
     * connections' writers running between ticks, as Home Assistant's event loop interleaves a burst of changes
     * (a restart, a network of sensors rejoining) with writing them out. A rate so high that the loop falls behind
     * would instead make a backlog's worth of changes in one go, which no client could take within Home Assistant's
     * limits.
     */
    public synchronized void flood(int changesPerTick) {
        if (changesPerTick <= 0) {
            throw new IllegalArgumentException("The changes per tick must be positive");
        }
        start(changesPerTick * 1000.0 / TICK_MILLIS);
        floodPerTick = changesPerTick;
    }

    public synchronized void stop() {
        rate = 0;
        if (timer >= 0) {
            sim.vertx().cancelTimer(timer);
            timer = -1;
        }
    }

    public synchronized boolean running() {
        return rate > 0;
    }

    /** Who is told of each change from now on; null for nobody. */
    public void observe(Observer value) {
        observer = value;
    }

    /** State changes made since the simulator started. */
    public long eventsSent() {
        return sent.get();
    }

    private synchronized void tick() {
        if (rate <= 0) {
            return;
        }
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        long due = floodPerTick > 0 ? floodPerTick : (long) (elapsed * rate) - emittedSinceStart;
        long cap = (long) Math.max(1, rate * MAX_BACKLOG_SECONDS);
        if (floodPerTick == 0 && due > cap) {
            emittedSinceStart += due - cap; // forget a backlog a stall built up instead of bursting it out
            due = cap;
        }
        SimulatedHome home = sim.home();
        Observer told = observer;
        long now = System.nanoTime();
        for (long i = 0; i < due; i++) {
            LoadTarget target = targets.get(cursor);
            cursor = (cursor + 1) % targets.size();
            String state = target.nextState();
            home.setState(target.entityId(), state);
            if (told != null) {
                told.changed(target.entityId(), state, now);
            }
        }
        emittedSinceStart += due;
        sent.addAndGet(due);
    }

    /** One entity under load and how its next state is made: binary sensors flip, numbers move a tenth or more. */
    private static final class LoadTarget {

        private final String entityId;
        private final boolean binary;
        private final long baseTenths;
        private long changes;
        private boolean on;

        private LoadTarget(String entityId, boolean binary, long baseTenths, boolean on) {
            this.entityId = entityId;
            this.binary = binary;
            this.baseTenths = baseTenths;
            this.on = on;
        }

        String entityId() {
            return entityId;
        }

        String nextState() {
            if (binary) {
                on = !on;
                return on ? "on" : "off";
            }
            changes++;
            long tenths = baseTenths + changes % NUMERIC_SPREAD_TENTHS;
            return tenths / 10 + "." + tenths % 10;
        }

        static List<LoadTarget> pick(SimulatedHome home) {
            List<LoadTarget> picked = new ArrayList<>();
            List<LoadTarget> fallback = new ArrayList<>();
            for (var state : home.states()) {
                String id = state.path("entity_id").asText();
                String value = state.path("state").asText();
                if (id.startsWith("binary_sensor.")) {
                    picked.add(new LoadTarget(id, true, 0, "on".equals(value)));
                } else if (id.startsWith("sensor.") && isNumber(value)) {
                    long tenths = Math.max(0, Math.round(Double.parseDouble(value) * 10));
                    picked.add(new LoadTarget(id, false, tenths, false));
                } else {
                    fallback.add(new LoadTarget(id, false, 0, false));
                }
            }
            return picked.isEmpty() ? fallback : picked;
        }

        private static boolean isNumber(String value) {
            try {
                Double.parseDouble(value);
                return true;
            } catch (NumberFormatException e) {
                return false;
            }
        }
    }
}
