package io.hacamel.bridge.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A webhook receiver over real HTTP that records every request, in order: tests take them with {@code next()}
 * (which waits up to a deadline) and end with {@link #assertExhausted()}. It answers 200, or a chosen status, or
 * stalls (holds every request unanswered) until released.
 */
public final class WebhookSink implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request, the status the sink answered (0 when it was still stalled) and when it arrived. */
    public record Request(String method, String path, Map<String, String> headers, String body, int answered,
            Instant received) {

        /** A header by name, case-insensitive. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final BlockingQueue<Request> received = new LinkedBlockingQueue<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private final Queue<Integer> nextStatuses = new ConcurrentLinkedQueue<>();
    private volatile CountDownLatch stall = new CountDownLatch(0);
    private final Queue<CountDownLatch> held = new ConcurrentLinkedQueue<>();

    private WebhookSink() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    public static WebhookSink start() {
        try {
            return new WebhookSink();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The sink's URL for a path such as {@code /hooks/alarm}. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Every following request is answered with this status. */
    public void answer(int status) {
        this.status.set(status);
    }

    /** The next requests are answered with these statuses, one each; the ones after them as before. */
    public void answerNext(int... statuses) {
        for (int next : statuses) {
            nextStatuses.add(next);
        }
    }

    /** Holds every following request unanswered until {@link #release()}. */
    public void stall() {
        stall = new CountDownLatch(1);
    }

    public void release() {
        stall.countDown();
    }

    /** The following requests are answered again; the ones held so far stay held until {@link #close()}. */
    public void stopStalling() {
        stall = new CountDownLatch(0);
    }

    public Request next() {
        return next(WAIT);
    }

    /** The next request, which must arrive within {@code within}. */
    public Request next(Duration within) {
        try {
            Request next = received.poll(within.toMillis(), TimeUnit.MILLISECONDS);
            if (next == null) {
                fail("no webhook request within " + within.toMillis() + " ms");
            }
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Everything received so far, without waiting. */
    public List<Request> drain() {
        List<Request> requests = new ArrayList<>();
        received.drainTo(requests);
        return requests;
    }

    public void assertExhausted() {
        assertThat(received).as("webhook requests that arrived but no test looked at").isEmpty();
    }

    @Override
    public void close() {
        release();
        held.forEach(CountDownLatch::countDown);
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                String.join(",", values)));
        Instant arrived = Instant.now();
        CountDownLatch hold = stall;
        try {
            if (hold.getCount() > 0) {
                held.add(hold);
                received.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers,
                        new String(body, StandardCharsets.UTF_8), 0, arrived));
                hold.await();
                return; // the caller has given up long ago
            }
            Integer next = nextStatuses.poll();
            int answer = next != null ? next : status.get();
            received.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers,
                    new String(body, StandardCharsets.UTF_8), answer, arrived));
            byte[] reply = answer >= 300 ? "{\"error\":\"the sink says no\"}".getBytes(StandardCharsets.UTF_8)
                    : new byte[0];
            exchange.sendResponseHeaders(answer, reply.length == 0 ? -1 : reply.length);
            if (reply.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(reply);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }
}
