import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;

/**
 * The bridge's live changes in a terminal, with nothing but the JDK (no websocat needed):
 *
 *     java bin/LiveEvents.java [ws://localhost:8080/ws]
 *
 * connects to the client WebSocket hub, subscribes to every tracked entity and prints each message the hub sends, one
 * JSON document a line, until Ctrl-C or the hub closes the connection. With BRIDGE_API_KEY set it presents that key.
 */
public class LiveEvents {

    public static void main(String[] args) throws InterruptedException {
        URI hub = URI.create(args.length > 0 ? args[0] : "ws://localhost:8080/ws");
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        String key = System.getenv("BRIDGE_API_KEY");
        if (key != null && !key.isBlank()) {
            builder.header("Authorization", "Bearer " + key);
        }
        CountDownLatch closed = new CountDownLatch(1);
        WebSocket socket;
        try {
            socket = builder.buildAsync(hub, new Printer(closed)).join();
        } catch (CompletionException e) {
            System.err.println("Cannot connect to " + hub + ": " + e.getCause());
            System.exit(1);
            return;
        }
        socket.sendText("{\"type\":\"subscribe\",\"data\":{\"all\":true}}", true);
        closed.await();
    }

    /** Prints every text message whole; the JDK answers the hub's pings by itself. */
    private static final class Printer implements WebSocket.Listener {

        private final StringBuilder message = new StringBuilder();
        private final CountDownLatch closed;

        Printer(CountDownLatch closed) {
            this.closed = closed;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence part, boolean last) {
            message.append(part);
            if (last) {
                System.out.println(message);
                message.setLength(0);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
            System.err.println("The hub closed the connection: " + code + " " + reason);
            closed.countDown();
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            System.err.println("The connection failed: " + error);
            closed.countDown();
        }
    }
}
