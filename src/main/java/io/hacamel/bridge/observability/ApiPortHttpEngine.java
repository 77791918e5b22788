package io.hacamel.bridge.observability;

import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpEngine;

/**
 * Serves the REST routes on the API's port. Camel's Vert.x engine finds the server for them by looking for the one
 * router in the registry; with the management server on a port of its own there are two, and it falls back to port
 * 8080, so the routes would fail to start (or bind to the wrong server) whenever the management port is on.
 */
final class ApiPortHttpEngine extends VertxPlatformHttpEngine {

    private final int apiPort;

    ApiPortHttpEngine(int apiPort) {
        this.apiPort = apiPort;
    }

    @Override
    public int getServerPort() {
        return apiPort;
    }
}
