package io.hacamel.bridge.api;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.hacamel.bridge.Settings;
import io.hacamel.bridge.support.ThrottledLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one client may hold of the bridge's HTTP servers ({@code api.*}): at most {@code api.max-connections} at once
 * per server; each connection must send the head of a request within {@code api.header-timeout} of opening and of
 * its previous answer, so that a client sending a byte now and then (slowloris) or nothing at all cannot keep it; and
 * one on which nothing moves for {@code api.idle-timeout} (a body that stopped halfway) is closed by Vert.x. A
 * connection upgraded to a WebSocket is left to the hub's own timeouts. A request head is seen by a first handler on
 * every platform-http router, added when Camel has started.
 */
public final class HttpLimits implements StartupListener {

    private static final Logger LOG = LoggerFactory.getLogger(HttpLimits.class);

    private final Vertx vertx;
    private final long headerTimeoutMillis;
    private final long idleTimeoutMillis;
    private final int maxConnections;
    private final Counter tooMany;
    private final Counter headerTimeouts;
    private final ThrottledLog tooManyLog = new ThrottledLog(LOG);
    private final ThrottledLog headerTimeoutLog = new ThrottledLog(LOG);
    private final Map<HttpConnection, Tracked> connections = new ConcurrentHashMap<>();
    private final AtomicInteger openConnections = new AtomicInteger();

    HttpLimits(Vertx vertx, long headerTimeoutMillis, long idleTimeoutMillis, int maxConnections,
            MeterRegistry meters) {
        this.vertx = vertx;
        this.headerTimeoutMillis = headerTimeoutMillis;
        this.idleTimeoutMillis = idleTimeoutMillis;
        this.maxConnections = maxConnections;
        this.tooMany = refused(meters, "too_many");
        this.headerTimeouts = refused(meters, "header_timeout");
        Gauge.builder("habridge.http.connections", openConnections, AtomicInteger::get)
                .description("Connections open to the API and management ports, WebSocket hub clients included")
                .register(meters);
    }

    /** The limits of {@code api.*}; timers run on {@code vertx}. */
    public static HttpLimits from(Settings settings, Vertx vertx, MeterRegistry meters) {
        String max = settings.get("api.max-connections");
        if (!max.matches("[1-9]\\d{0,8}")) {
            throw new IllegalArgumentException("api.max-connections must be a positive whole number, was '" + max
                    + "'");
        }
        return new HttpLimits(vertx, settings.millis("api.header-timeout"), settings.millis("api.idle-timeout"),
                Integer.parseInt(max), meters);
    }

    private static Counter refused(MeterRegistry meters, String reason) {
        return Counter.builder("habridge.http.connections.closed").tag("reason", reason)
                .description("Connections the API or management port closed: too_many (over api.max-connections), "
                        + "header_timeout (no request head within api.header-timeout)")
                .register(meters);
    }

    /**
     * A server's options with the idle timeout, and without HTTP/2 over plain TCP (h2c): with it, Vert.x makes a
     * connection only once the first bytes tell which protocol the client speaks, so one that sends nothing would
     * never be counted nor timed. HTTP/1.1 clients asking to upgrade to h2c stay on HTTP/1.1.
     */
    HttpServerOptions options(HttpServerOptions options) {
        return new HttpServerOptions(options).setIdleTimeout((int) idleTimeoutMillis)
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS).setHttp2ClearTextEnabled(false);
    }

    /** The connection handler of one more server, counting its connections. */
    Handler<HttpConnection> newServer() {
        AtomicInteger open = new AtomicInteger();
        return connection -> {
            if (open.incrementAndGet() > maxConnections) {
                open.decrementAndGet();
                tooMany.increment();
                tooManyLog.warn("Closed a connection from {}: {} are open (api.max-connections)",
                        connection.remoteAddress(), maxConnections);
                connection.close();
                return;
            }
            openConnections.incrementAndGet();
            Tracked tracked = new Tracked(connection);
            connections.put(connection, tracked);
            connection.closeHandler(closed -> {
                open.decrementAndGet();
                openConnections.decrementAndGet();
                connections.remove(connection);
                tracked.cancelTimer();
            });
            tracked.startTimer();
        };
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        for (VertxPlatformHttpRouter router : context.getRegistry().findByType(VertxPlatformHttpRouter.class)) {
            router.route().order(Integer.MIN_VALUE).handler(this::requestHead);
        }
    }

    private void requestHead(RoutingContext request) {
        Tracked tracked = connections.get(request.request().connection());
        if (tracked != null) {
            tracked.requestStarted("websocket".equalsIgnoreCase(request.request().getHeader(HttpHeaders.UPGRADE)));
            request.addEndHandler(ended -> tracked.answered());
        }
        request.next();
    }

    /** One connection, on its own event loop: requests in flight, and the timer while there are none. */
    private final class Tracked {
        private final HttpConnection connection;
        private int inFlight;
        private boolean upgraded;
        private long timer = -1;

        Tracked(HttpConnection connection) {
            this.connection = connection;
        }

        void requestStarted(boolean upgrade) {
            cancelTimer();
            inFlight++;
            upgraded |= upgrade;
        }

        void answered() {
            inFlight--;
            if (inFlight == 0 && !upgraded && connections.containsKey(connection)) {
                startTimer();
            }
        }

        void startTimer() {
            timer = vertx.setTimer(headerTimeoutMillis, id -> {
                timer = -1;
                headerTimeouts.increment();
                headerTimeoutLog.warn("Closed a connection from {}: no request within {} ms (api.header-timeout)",
                        connection.remoteAddress(), headerTimeoutMillis);
                connection.close();
            });
        }

        void cancelTimer() {
            if (timer >= 0) {
                vertx.cancelTimer(timer);
                timer = -1;
            }
        }
    }
}
