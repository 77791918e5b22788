package io.hacamel.bridge.bench;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.hacamel.bridge.testing.FreePorts;
import io.hacamel.bridge.testing.MqttTestBroker;

/**
 * The MQTT broker between the bridge and the probe, outside the bridge's process: Mosquitto when it is installed
 * (what a big home runs), else Artemis embedded in the harness (configured as the bridge's own embedded broker, but
 * open to anonymous clients, and out of the measured process). Either is new for each bridge, so no retained topic of an earlier run is delivered.
 */
final class HarnessBroker implements AutoCloseable {

    private final String url;
    private final String description;
    private final Process mosquitto;
    private final MqttTestBroker artemis;

    private HarnessBroker(String url, String description, Process mosquitto, MqttTestBroker artemis) {
        this.url = url;
        this.description = description;
        this.mosquitto = mosquitto;
        this.artemis = artemis;
    }

    static HarnessBroker start(Path workDirectory, boolean preferMosquitto) throws Exception {
        String binary = mosquittoBinary();
        if (preferMosquitto && binary != null) {
            return mosquitto(binary, workDirectory);
        }
        MqttTestBroker broker = MqttTestBroker.start();
        return new HarnessBroker(broker.url(), "Apache ActiveMQ Artemis (embedded in the harness)", null, broker);
    }

    static String mosquittoBinary() {
        for (String candidate : new String[] {"/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto"}) {
            if (new File(candidate).canExecute()) {
                return candidate;
            }
        }
        return null;
    }

    /** Mosquitto's version line, e.g. "mosquitto version 2.0.11". */
    static String mosquittoVersion() {
        String binary = mosquittoBinary();
        if (binary == null) {
            return null;
        }
        try {
            Process help = new ProcessBuilder(binary, "-h").redirectErrorStream(true).start();
            String first = new String(help.getInputStream().readAllBytes()).lines().findFirst().orElse("");
            help.waitFor(5, TimeUnit.SECONDS);
            return first.trim();
        } catch (IOException | InterruptedException e) {
            return "mosquitto (version unknown)";
        }
    }

    private static HarnessBroker mosquitto(String binary, Path workDirectory) throws Exception {
        for (int attempt = 0; attempt < 5; attempt++) {
            int port = FreePorts.next();
            Path config = workDirectory.resolve("mosquitto-" + port + ".conf");
            // no limits on queued messages: the probe must never be the one that loses a message; no Nagle delay
            // (up to 40 ms) when several messages for the probe follow each other
            Files.writeString(config, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n"
                    + "max_queued_messages 0\nmax_queued_bytes 0\nmax_inflight_messages 0\nset_tcp_nodelay true\n"
                    + "log_type error\n");
            Process process = new ProcessBuilder(binary, "-c", config.toString()).redirectErrorStream(true)
                    .redirectOutput(workDirectory.resolve("mosquitto-" + port + ".log").toFile()).start();
            if (Waits.until(Duration.ofSeconds(5), Duration.ofMillis(20), () -> !process.isAlive() || listening(port))
                    && listening(port)) {
                return new HarnessBroker("tcp://127.0.0.1:" + port, HarnessBroker.mosquittoVersion()
                        + " (separate process)", process, null);
            }
            process.destroy();
        }
        throw new IllegalStateException("Mosquitto did not start");
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    String url() {
        return url;
    }

    String description() {
        return description;
    }

    /** The broker's process id, for its CPU time; -1 when it runs inside the harness. */
    long pid() {
        return mosquitto == null ? -1 : mosquitto.pid();
    }

    @Override
    public void close() throws Exception {
        if (mosquitto != null) {
            mosquitto.destroy();
            mosquitto.waitFor(5, TimeUnit.SECONDS);
        }
        if (artemis != null) {
            artemis.stop();
        }
    }
}
