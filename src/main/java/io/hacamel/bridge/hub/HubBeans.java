package io.hacamel.bridge.hub;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hacamel.bridge.Settings;
import io.hacamel.bridge.api.SessionStatus;
import io.hacamel.bridge.homeassistant.HomeAssistantComponent;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;

/** Makes the client WebSocket hub's beans: {@code hub}, {@code hubAreas} and {@code hubApi}. */
public final class HubBeans {

    private HubBeans() {
    }

    public static void bind(CamelContext context, Settings settings) throws Exception {
        Registry registry = context.getRegistry();
        ObjectMapper json = registry.lookupByNameAndType("bridgeJson", ObjectMapper.class);
        HomeAssistantComponent homeAssistant = registry.lookupByNameAndType("homeassistant",
                HomeAssistantComponent.class);
        HubStats stats = new HubStats(registry.lookupByNameAndType("metricsRegistry", MeterRegistry.class));
        AreaIndex areas = new AreaIndex();
        WebSocketHub hub = new WebSocketHub(context, registry.lookupByNameAndType("vertx", Vertx.class),
                HubSettings.from(settings), new HubKeys(settings.get("bridge.api-key"),
                        settings.get("hub.client-api-keys")), json, areas, stats,
                registry.lookupByNameAndType("session", SessionStatus.class));
        areas.onMoves(hub::areaMembershipChanged);
        stats.bind(hub, areas);
        RegistryReloads reloads = new RegistryReloads(context);
        homeAssistant.addConnectionListener(hub);
        homeAssistant.addConnectionListener(reloads);
        registry.bind("hub", hub);
        registry.bind("hubAreas", areas);
        registry.bind("hubApi", new HubApi(json, hub, stats));
        context.addService(reloads, true, true);
        context.addService(hub, true, true);
    }
}
