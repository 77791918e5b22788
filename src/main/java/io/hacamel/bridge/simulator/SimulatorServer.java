package io.hacamel.bridge.simulator;

import io.netty.channel.Channel;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PemKeyCertOptions;
import java.net.BindException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The listening socket: websocket upgrades on /api/websocket, everything else to the REST API. It can stop and
 * listen again on the same port, for restarts and refused connections.
 */
final class SimulatorServer {

    private static final String WEBSOCKET_PATH = "/api/websocket";
    /** aiohttp's default limit for one incoming message. */
    private static final int MAX_INBOUND_MESSAGE_BYTES = 4 * 1024 * 1024;
    private static final Duration BLOCKING_TIMEOUT = Duration.ofSeconds(30);
    private static final int BIND_ATTEMPTS = 100;
    private static final long BIND_RETRY_MILLIS = 50;

    private final Simulation sim;
    private final RestApi rest;
    private volatile int port;
    private HttpServer server;

    SimulatorServer(Simulation sim) {
        this.sim = sim;
        this.rest = new RestApi(sim);
        this.port = sim.options().port();
    }

    /** The bound port; after the first listen on port 0, the port that was picked. */
    int port() {
        return port;
    }

    synchronized boolean listening() {
        return server != null;
    }

    /** Starts listening and waits until it does; a no-op when already listening. */
    synchronized void listen() {
        if (server != null) {
            return;
        }
        server = await(() -> bind(BIND_ATTEMPTS));
        port = server.actualPort();
    }

    /** Binds, retrying for a moment when the port we just closed is not free yet. */
    private Future<HttpServer> bind(int attemptsLeft) {
        return sim.vertx().createHttpServer(serverOptions()).requestHandler(this::onRequest).listen()
            .recover(error -> {
                boolean portBusy = error instanceof BindException || error.getCause() instanceof BindException;
                if (attemptsLeft <= 1 || !portBusy) {
                    return Future.failedFuture(error);
                }
                Promise<HttpServer> retried = Promise.promise();
                sim.vertx().setTimer(BIND_RETRY_MILLIS, id -> bind(attemptsLeft - 1).onComplete(retried));
                return retried.future();
            });
    }

    /** Drops every client, stops listening and waits until the port is free. */
    synchronized void stop() {
        if (server == null) {
            return;
        }
        await(() -> {
            sim.connections().all().forEach(WebSocketSession::abort);
            return sim.connections().noneOpen();
        });
        HttpServer closing = server;
        server = null;
        await(closing::close);
    }

    private HttpServerOptions serverOptions() {
        HttpServerOptions options = new HttpServerOptions()
            .setHost(sim.options().host())
            .setPort(port)
            .setReuseAddress(true)
            .setMaxWebSocketFrameSize(sim.options().maxOutboundFrameBytes())
            .setMaxWebSocketMessageSize(MAX_INBOUND_MESSAGE_BYTES)
            .setRegisterWebSocketWriteHandlers(false);
        if (sim.options().tls()) {
            options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                .setCertPath(sim.options().tlsCertPath())
                .setKeyPath(sim.options().tlsKeyPath()));
        }
        return options;
    }

    private void onRequest(HttpServerRequest request) {
        if (!WEBSOCKET_PATH.equals(request.path())) {
            rest.handle(request);
            return;
        }
        Channel channel = ChannelAccess.channelOf(request.connection());
        request.toWebSocket().onSuccess(ws -> new WebSocketSession(sim, ws, channel).start());
    }

    /** Runs {@code action} on the simulation's event loop and waits for its result. */
    private <T> T await(Supplier<Future<T>> action) {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("Blocking simulator call made on an event loop thread");
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        sim.context().runOnContext(v -> action.get().onComplete(done -> {
            if (done.succeeded()) {
                result.complete(done.result());
            } else {
                result.completeExceptionally(done.cause());
            }
        }));
        try {
            return result.get(BLOCKING_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Simulator server failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Simulator server did not answer within " + BLOCKING_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
