package io.hacamel.bridge.api;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.impl.VertxWrapper;

/**
 * The bridge's Vert.x, whose HTTP servers (the API port and the management port) keep to {@link HttpLimits}. Camel's
 * Vert.x server makes its server options itself, with no setting for timeouts or a connection handler, and takes the
 * one Vert.x in the registry; {@link VertxWrapper} is Vert.x's own way to change what such a caller gets. Everything
 * else is Vert.x's as it is.
 */
public final class LimitedVertx extends VertxWrapper {

    private volatile HttpLimits limits;

    public LimitedVertx(Vertx vertx) {
        super((VertxInternal) vertx);
    }

    /** The limits of every HTTP server made from now on. */
    public void limits(HttpLimits limits) {
        this.limits = limits;
    }

    /** The Vert.x underneath, for servers of the bridge's own that are no API (the demo's simulator). */
    public Vertx unlimited() {
        return delegate;
    }

    @Override
    public HttpServer createHttpServer(HttpServerOptions options) {
        HttpLimits current = limits;
        if (current == null) {
            return delegate.createHttpServer(options);
        }
        HttpServer server = delegate.createHttpServer(current.options(options));
        server.connectionHandler(current.newServer());
        return server;
    }

    @Override
    public HttpServer createHttpServer() {
        return createHttpServer(new HttpServerOptions());
    }
}
