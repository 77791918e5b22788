package io.hacamel.bridge.observability;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import io.hacamel.bridge.Settings;
import io.hacamel.bridge.api.SessionStatus;
import io.hacamel.bridge.api.StateCacheStatus;
import io.hacamel.bridge.api.StateQueries;
import io.hacamel.bridge.events.EntityFilter;
import io.hacamel.bridge.homeassistant.HomeAssistantComponent;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.PlatformHttpConstants;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;

/**
 * Observability of the bridge: the meters of requests, events and caches, the status page and its overview, the
 * check that every HTTP server listens, the masked properties console, who may reach the management port and what its
 * info tells, and JMX descriptions made once per class ({@link CachedMBeanAssembler}). Binds {@code overview} and {@code statusPage}; needs the beans
 * {@code BridgeConfiguration} made before.
 */
public final class ObservabilityBeans {

    private static final List<String> CACHES = List.of("ha-states", "ha-state-groups", "ha-services", "ha-states-not-found");
    private static final String API_PORT = "camel.server.port";
    private static final List<String> PORT_SETTINGS = List.of(API_PORT, "camel.management.port");

    private ObservabilityBeans() {
    }

    @SuppressWarnings("unchecked")
    public static void bind(CamelContext context, MeterRegistry metrics) throws Exception {
        Registry registry = context.getRegistry();
        CachedMBeanAssembler.install(context);
        QuietNotifiers.install(context);
        HomeAssistantComponent homeAssistant = context.getComponent("homeassistant", HomeAssistantComponent.class);
        homeAssistant.setRequestObserver(new RequestMetrics(metrics));
        EventMetrics events = new EventMetrics(metrics, new EventRate(60, 10_000, System::currentTimeMillis));
        events.bindQueue(context);
        homeAssistant.setEventObserver(events);
        registry.lookupByNameAndType("entityFilter", EntityFilter.class).onFiltered(events::filtered);

        for (String name : CACHES) {
            CaffeineCacheMetrics.monitor(metrics, registry.lookupByNameAndType(name, Cache.class), name);
        }
        FunctionCounter.builder("habridge.cache.stale.reads", registry.lookupByNameAndType("stateQueries",
                        StateQueries.class), StateQueries::staleReads)
                .description("API answers that served states flagged stale because Home Assistant was unreachable")
                .register(metrics);

        registry.bind("overview", new Overview(registry.lookupByNameAndType("bridgeJson", ObjectMapper.class),
                registry.lookupByNameAndType("session", SessionStatus.class), events,
                registry.lookupByNameAndType("stateCacheStatus", StateCacheStatus.class),
                registry.lookupByNameAndType("ha-states", Cache.class)));
        registry.bind("statusPage", StatusPage.load());
        Map<Integer, String> ports = portSettings(context.getPropertiesComponent());
        ports.entrySet().stream().filter(port -> port.getValue().equals(API_PORT)).findFirst().ifPresent(api ->
                registry.bind(PlatformHttpConstants.PLATFORM_HTTP_ENGINE_NAME, new ApiPortHttpEngine(api.getKey())));
        context.addStartupListener(new ListeningCheck(ports));
        MaskedPropertiesConsole.register(context);
        ManagementAccess.configure(context, new Settings(context.getPropertiesComponent()));
        ManagementInfo.replaceCamels(context);
    }

    /**
     * Before anything starts: the API port, and the management port when it is on, are free (see
     * {@link ListeningCheck}).
     */
    public static void requireFreePorts(PropertiesComponent properties) {
        Map<Integer, String> checked = new HashMap<>();
        for (String server : List.of("camel.server", "camel.management")) {
            boolean enabled = properties.resolveProperty(server + ".enabled").map(String::trim)
                    .map(Boolean::parseBoolean).orElse(false);
            String port = properties.resolveProperty(server + ".port").map(String::trim).orElse("");
            if (enabled && port.matches("\\d+") && checked.putIfAbsent(Integer.parseInt(port), server) == null) {
                ListeningCheck.requireFree(properties.resolveProperty(server + ".host").map(String::trim)
                        .orElse("0.0.0.0"), Integer.parseInt(port), server + ".port");
            }
        }
    }

    private static Map<Integer, String> portSettings(PropertiesComponent properties) {
        Map<Integer, String> settings = new HashMap<>();
        for (String key : PORT_SETTINGS) {
            properties.resolveProperty(key).map(String::trim).filter(port -> port.matches("\\d+"))
                    .ifPresent(port -> settings.putIfAbsent(Integer.parseInt(port), key));
        }
        return settings;
    }
}
