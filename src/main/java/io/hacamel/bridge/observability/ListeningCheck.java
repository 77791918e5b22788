package io.hacamel.bridge.observability;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;

import io.vertx.core.net.impl.TCPServerBase;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;

/**
 * Fails the start when an HTTP server of the bridge cannot listen, in one line that names the port and its setting.
 * First, before anything starts ({@link #requireFree}), so that a second bridge on the same ports stops at once instead
 * of starting its simulator and broker and failing later with stack traces; then once Camel has started, because
 * Camel's embedded server only logs a warning when its port is taken and Camel starts anyway: a bridge without its API
 * or management port, which an operator (or a supervisor's health probe on the other program's port) would not notice.
 */
final class ListeningCheck implements StartupListener {

    /** Which setting chooses each server's port, for the message. */
    private final Map<Integer, String> portSettings;

    ListeningCheck(Map<Integer, String> portSettings) {
        this.portSettings = portSettings;
    }

    /** Fails unless this process could listen on the port at the host (Vert.x reuses addresses too). */
    static void requireFree(String host, int port, String setting) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port), 1);
        } catch (IOException e) {
            throw cannotListen(port, setting, e.getMessage());
        }
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
                throw cannotListen(port, portSettings.getOrDefault(port, "the port setting"), whyNot(port));
            }
        }
    }

    private static IllegalStateException cannotListen(int port, String setting, String reason) {
        return new IllegalStateException("Cannot listen for HTTP on port " + port + ": " + reason
                + ". Stop what uses the port (another bridge?), or choose another with " + setting
                + " (environment variable " + setting.toUpperCase().replace('.', '_').replace('-', '_') + ").");
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
