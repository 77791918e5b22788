package io.hacamel.bridge.api;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hacamel.bridge.BridgeFiles;
import io.hacamel.bridge.Settings;
import io.hacamel.bridge.support.SecretFile;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may use the API port: the API key (configured, else generated once into {@code bridge.api-key-file}), the
 * request gate in front of every route, and the demo mode's exception (no key, 127.0.0.1 only). Binds
 * {@code apiAccess} and {@code apiKeyFailures}; called before the hub, whose route the gate must precede.
 */
public final class ApiBeans {

    private static final Logger LOG = LoggerFactory.getLogger(ApiBeans.class);
    private static final String LOOPBACK = "127.0.0.1";

    private ApiBeans() {
    }

    public static void bind(CamelContext context, Settings settings, boolean demo, MeterRegistry meters)
            throws Exception {
        ApiAccess access = new ApiAccess(ApiKeyCheck.of(apiKey(settings, demo)),
                ApiKeyCheck.of(settings.get("api.metrics-key")),
                Boolean.parseBoolean(settings.get("api.public-reads")));
        if (access.open()) {
            listenOnLoopbackOnly(context, settings);
        } else if (!access.readsNeedKey()) {
            LOG.warn("api.public-reads=true: anyone who reaches port {} reads every tracked state, the services, "
                    + "/status, /metrics and the hub's live changes without a key (service calls and admin operations "
                    + "still need it). Only do this on a network you trust.", settings.get("camel.server.port"));
        }
        KeyFailures failures = new KeyFailures(settings.positiveInt("api.key-failures.limit"),
                settings.millis("api.key-failures.window"), System::currentTimeMillis);
        AllowedHosts hosts = new AllowedHosts(list(settings, "api.allowed-hosts"), AllowedHosts.machineNames());
        if (hosts.any()) {
            LOG.warn("api.allowed-hosts=*: the bridge answers to any host name, so a web page whose name its owner "
                    + "points at this machine (DNS rebinding) is not refused for its Host");
        }
        AllowedOrigins origins = new AllowedOrigins(list(settings, "api.allowed-origins"),
                list(settings, "hub.allowed-origins"));
        context.getRegistry().bind("apiAccess", access);
        context.getRegistry().bind("apiKeyFailures", failures);
        context.addService(new ApiGate(context, Integer.parseInt(settings.get("camel.server.port")), access, hosts,
                origins, failures, context.getRegistry().lookupByNameAndType("bridgeJson", ObjectMapper.class),
                meters), true, true);
    }

    /** The configured key; else, outside the demo mode, the one in the key file, generated on the first start. */
    private static String apiKey(Settings settings, boolean demo) throws IOException {
        String configured = settings.get("bridge.api-key");
        if (!configured.isEmpty()) {
            LOG.info("API key: bridge.api-key (BRIDGE_API_KEY); every request needs it as Authorization: Bearer <key>");
            return configured;
        }
        if (demo) {
            return null;
        }
        Path file = Path.of(settings.get("bridge.api-key-file"));
        file = (file.isAbsolute() ? file : BridgeFiles.home().resolve(file)).toAbsolutePath().normalize();
        SecretFile.Secret key = SecretFile.readOrCreate(file);
        if (key.generated()) {
            LOG.info("No bridge.api-key (BRIDGE_API_KEY) set: generated an API key and stored it in {}, readable by "
                    + "this user only. Every request needs it as Authorization: Bearer <key>; the status page asks "
                    + "for it.", file);
        } else {
            LOG.info("API key: the one stored in {}; every request needs it as Authorization: Bearer <key>", file);
        }
        if (key.readableByOthers()) {
            LOG.warn("{} holds the API key and others may read it: chmod 600 {}", file, file);
        }
        return key.value();
    }

    /** The demo without a key answers only this machine, whatever camel.server.host says. */
    private static void listenOnLoopbackOnly(CamelContext context, Settings settings) {
        for (MainHttpServer server : context.hasServices(MainHttpServer.class)) {
            if (!isLoopback(server.getHost())) {
                server.setHost(LOOPBACK);
            }
        }
        LOG.info("DEMO MODE without bridge.api-key: the API asks for no key and listens on {}:{} only (this machine). "
                + "Set BRIDGE_API_KEY to reach it from elsewhere.", LOOPBACK, settings.get("camel.server.port"));
    }

    private static boolean isLoopback(String host) {
        try {
            return host != null && InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static List<String> list(Settings settings, String key) {
        return Arrays.stream(settings.get(key).split(",")).map(String::trim).filter(value -> !value.isEmpty())
                .toList();
    }
}
