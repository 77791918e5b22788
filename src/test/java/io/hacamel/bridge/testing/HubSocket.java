package io.hacamel.bridge.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One short visit to the hub ({@code ws://127.0.0.1:<port>/ws}) for tests of who may connect: the first message the
 * hub sends, the code it closes with, or the HTTP status it refuses the handshake with. The hub's own tests use their
 * recording client (hub/HubTestClient).
 */
public final class HubSocket {

    private static final long WAIT_SECONDS = 20;

    private HubSocket() {
    }

    /** Connects with these header pairs, sends {@code message}, and returns the code the hub closes with. */
    public static int closeCodeAfter(int port, String message, String... headers) {
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket socket = open(port, new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }
        }, headers);
        socket.sendText(message, true);
        return await(closed);
    }

    /** Connects with these header pairs and returns the first message of the hub. */
    public static String firstMessage(int port, String... headers) {
        CompletableFuture<String> first = new CompletableFuture<>();
        WebSocket socket = open(port, new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                first.complete(data.toString());
                return null;
            }
        }, headers);
        try {
            return await(first);
        } finally {
            socket.abort();
        }
    }

    /**
     * The HTTP status with which the hub refuses the handshake to {@code /ws} plus {@code query} (empty, or e.g.
     * {@code ?api_key=…}) with these header pairs; fails if it takes the connection.
     */
    public static int refusedHandshake(int port, String query, String... headers) {
        try {
            builder(headers).buildAsync(URI.create(uri(port) + query), new WebSocket.Listener() { })
                    .get(WAIT_SECONDS, TimeUnit.SECONDS).abort();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw new AssertionError("the handshake failed otherwise: " + e, e);
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("the hub took the connection");
    }

    private static WebSocket open(int port, WebSocket.Listener listener, String... headers) {
        try {
            return builder(headers).buildAsync(uri(port), listener).get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("could not connect to the hub: " + e, e);
        }
    }

    private static WebSocket.Builder builder(String... headers) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    private static URI uri(int port) {
        return URI.create("ws://127.0.0.1:" + port + "/ws");
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("the hub did not answer: " + e, e);
        }
    }
}
