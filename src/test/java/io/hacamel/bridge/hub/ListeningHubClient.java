package io.hacamel.bridge.hub;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A hub client that presents its key, then only listens, never answering a ping: every frame the hub sends it, with
 * when it came, until the hub closes it.
 */
public final class ListeningHubClient {

    /** A frame from the hub: its opcode (1 text, 8 close, 9 ping), text, close code (for 8) and arrival. */
    public record Frame(int opcode, String text, int closeCode, Instant at) {
    }

    private final Instant connected = Instant.now();
    private final List<Frame> frames = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Frame> closed = new CompletableFuture<>();

    private ListeningHubClient() {
    }

    public static ListeningHubClient connect(int port, String key) {
        ListeningHubClient client = new ListeningHubClient();
        RawHubClient socket = RawHubClient.connect(port, "/ws?api_key=" + key, 65536, Duration.ofMinutes(1));
        CompletableFuture.runAsync(() -> client.listen(socket));
        return client;
    }

    public Instant connected() {
        return connected;
    }

    /** What came so far. */
    public List<Frame> frames() {
        return List.copyOf(frames);
    }

    /** The hub's close frame, waiting for it up to {@code wait}. */
    public Frame closed(Duration wait) {
        try {
            return closed.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("the hub did not close the client within " + wait, e);
        }
    }

    private void listen(RawHubClient socket) {
        try (socket) {
            while (true) {
                RawHubClient.Frame frame = socket.nextFrame();
                Frame seen = new Frame(frame.opcode(), frame.text(), frame.opcode() == 8 ? frame.closeCode() : 0,
                        Instant.now());
                frames.add(seen);
                if (frame.opcode() == 8) {
                    closed.complete(seen);
                    return;
                }
            }
        } catch (RuntimeException e) {
            closed.completeExceptionally(e);
        }
    }
}
