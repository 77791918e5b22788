package io.hacamel.bridge.cluster;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.hacamel.bridge.testing.MqttRecorder;

/**
 * MQTT commands to the pair, ten a second, each a notification whose message is its correlation id
 * ({@code cmd-1}, {@code cmd-2}, ...), so that the service calls Home Assistant ran tell which command ran how often.
 */
final class CommandStream implements AutoCloseable {

    private final MqttRecorder connection;
    private final ScheduledExecutorService rhythm = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger sent = new AtomicInteger();

    CommandStream(MqttRecorder connection) {
        this.connection = connection;
    }

    void start() {
        rhythm.scheduleAtFixedRate(() -> repeat("cmd-" + sent.incrementAndGet()), 0, 100, TimeUnit.MILLISECONDS);
    }

    /** Publishes the command with this correlation id (again). */
    void repeat(String id) {
        connection.publish(PairTestSupport.COMMAND_TOPIC, "{\"service_data\":{\"message\":\"" + id
                + "\"},\"correlation_id\":\"" + id + "\"}");
    }

    @Override
    public void close() throws InterruptedException {
        rhythm.shutdown();
        rhythm.awaitTermination(10, TimeUnit.SECONDS);
    }
}
