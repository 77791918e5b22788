package io.hacamel.bridge.testing;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Where an MQTT broker would listen, for a client's connect timeout and backoff: it reads the first connection's
 * CONNECT (its keep-alive) and never answers it; every later connection it closes at once. It tells when each
 * connection came, and when the client gave the first one up.
 */
public final class SilentMqttBroker implements AutoCloseable {

    /** The first connection: when it came, the keep-alive its CONNECT asked for, when the client closed it. */
    public record Unanswered(Instant accepted, int keepAliveSeconds, Instant closed) {
    }

    private final ServerSocket listener;
    private final CompletableFuture<Unanswered> first = new CompletableFuture<>();
    private final List<Instant> accepted = new CopyOnWriteArrayList<>();

    private SilentMqttBroker() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(this::serve, "silent-mqtt-broker");
        thread.setDaemon(true);
        thread.start();
    }

    public static SilentMqttBroker start() {
        try {
            return new SilentMqttBroker();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    public String url() {
        return "tcp://127.0.0.1:" + listener.getLocalPort();
    }

    /** The first connection, once the client has given it up. */
    public Unanswered first(Duration wait) {
        try {
            return first.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("no unanswered MQTT connection came and went within " + wait, e);
        }
    }

    /** When each connection came, the first one included. */
    public List<Instant> connections() {
        return List.copyOf(accepted);
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private void serve() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                Instant at = Instant.now();
                accepted.add(at);
                if (accepted.size() == 1) {
                    Thread silent = new Thread(() -> answerNothing(socket, at), "silent-mqtt-connection");
                    silent.setDaemon(true);
                    silent.start();
                } else {
                    socket.close();
                }
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void answerNothing(Socket socket, Instant at) {
        try (socket) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            in.readUnsignedByte(); // CONNECT
            while ((in.readUnsignedByte() & 0x80) != 0) {
                // the remaining length, a variable byte integer
            }
            in.skipBytes(2 + 4 + 1 + 1); // protocol name "MQTT", level, flags
            int keepAlive = in.readUnsignedShort();
            while (in.read() >= 0) {
                // nothing is answered: wait for the client to give up
            }
            first.complete(new Unanswered(at, keepAlive, Instant.now()));
        } catch (IOException e) {
            first.completeExceptionally(e);
        }
    }
}
