package io.hacamel.bridge.simulator;

import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator on its own, for demos and benchmarks:
 * {@code --port 8123 --token T --entities 10000 --rate 20000} or {@code --demo}. Runs until killed.
 */
public final class SimulatorMain {

    private static final long REPORT_MILLIS = 5000;

    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        SimulatorOptions options = new SimulatorOptions().port(8123);
        int entities = 0;
        double rate = 0;
        boolean demo = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> options.port(Integer.parseInt(value(args, ++i)));
                case "--token" -> options.token(value(args, ++i));
                case "--entities" -> entities = Integer.parseInt(value(args, ++i));
                case "--rate" -> rate = Double.parseDouble(value(args, ++i));
                case "--demo" -> demo = true;
                default -> throw new IllegalArgumentException("Unknown option " + args[i]
                    + "; use --port N --token T --entities N --rate EVENTS_PER_S --demo");
            }
        }
        options.home(demo ? SimulatedHome.demo()
            : entities > 0 ? SimulatedHome.generated(entities, 42) : SimulatedHome.transcript());
        HaSimulator simulator = HaSimulator.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }));
        System.out.printf("Home Assistant simulator (%d entities) on %s and %s, token %s%n",
            simulator.home().size(), simulator.httpUrl(), simulator.websocketUrl(), options.token());
        if (rate > 0) {
            simulator.load().start(rate);
        }
        reportEvery(simulator);
        stopped.await();
    }

    /** Prints the load and delivery figures every few seconds, on a daemon timer thread. */
    private static void reportEvery(HaSimulator simulator) {
        new Timer("simulator-report", true).scheduleAtFixedRate(new TimerTask() {
            private long lastSent;

            @Override
            public void run() {
                long sent = simulator.load().eventsSent();
                SimulatorStats stats = simulator.stats();
                System.out.printf("load events %d (%.0f/s), events sent %d, clients %d, max pending %d, "
                        + "slow-consumer closures %d%n", sent, (sent - lastSent) * 1000.0 / REPORT_MILLIS,
                    stats.eventsSent(), stats.connectedClients(), stats.maxPendingOutbound(),
                    stats.slowConsumerClosures());
                lastSent = sent;
            }
        }, REPORT_MILLIS, REPORT_MILLIS);
    }

    private static String value(String[] args, int index) {
        if (index >= args.length) {
            throw new IllegalArgumentException("Missing value after " + args[index - 1]);
        }
        return args[index];
    }
}
