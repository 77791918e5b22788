package io.hacamel.bridge.observability;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import io.vertx.core.net.impl.TCPServerBase;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;

/**
 * Fails the start when an HTTP server of the bridge does not listen. Camel's embedded server only logs a warning when
 * its port is taken and Camel starts anyway: a bridge without its API or management port, which an operator (or a
 * supervisor's health probe on the other program's port) would not notice.
 */
final class ListeningCheck implements StartupListener {

    /** Which setting chooses each server's port, for the message. */
    private final Map<Integer, String> portSettings;

    ListeningCheck(Map<Integer, String> portSettings) {
        this.portSettings = portSettings;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        if (alreadyStarted) {
            return;
        }
        for (VertxPlatformHttpServer server : context.hasServices(VertxPlatformHttpServer.class)) {
            // Vert.x reports the configured port even when binding it failed; only its server base class knows
            if (server.getServer() instanceof TCPServerBase vertxServer && !vertxServer.isListening()) {
                int port = server.getConfigurationPort();
                String setting = portSettings.getOrDefault(port, "the port setting");
                throw new IllegalStateException("Cannot listen for HTTP on port " + port + ": " + whyNot(port)
                        + ". Stop what uses the port, or choose another with " + setting + " (environment variable "
                        + setting.toUpperCase().replace('.', '_').replace('-', '_') + ").");
            }
        }
    }

    /** The reason the operating system gives when the bridge tries the port itself. */
    private static String whyNot(int port) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName("0.0.0.0"))) {
            return "the HTTP server failed to bind it (see the warning above)";
        } catch (IOException e) {
            return e.getMessage();
        }
    }
}
