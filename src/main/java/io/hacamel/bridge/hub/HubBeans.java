package io.hacamel.bridge.hub;

import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hacamel.bridge.Settings;
import io.hacamel.bridge.api.ApiAccess;
import io.hacamel.bridge.api.KeyFailures;
import io.hacamel.bridge.api.SessionStatus;
import io.hacamel.bridge.homeassistant.HomeAssistantComponent;
import io.hacamel.bridge.observability.OverviewSection;
import io.hacamel.bridge.support.JsonInput;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;

/**
 * Makes the client WebSocket hub's beans: {@code hub}, {@code hubAreas}, {@code hubApi}, and the status page's
 * {@code hub} and {@code live_events} sections.
 */
public final class HubBeans {

    private HubBeans() {
    }

    public static void bind(CamelContext context, Settings settings) throws Exception {
        Registry registry = context.getRegistry();
        // reads what clients send: their messages, and broadcasts through the API
        ObjectMapper json = JsonInput.mapper(Integer.parseInt(settings.get("camel.server.max-body-size")));
        HomeAssistantComponent homeAssistant = context.getComponent("homeassistant", HomeAssistantComponent.class);
        ApiAccess access = registry.lookupByNameAndType("apiAccess", ApiAccess.class);
        HubKeys keys = new HubKeys(access.apiKey(), settings.get("hub.client-api-keys"), access.readsNeedKey());
        HubStats stats = new HubStats(registry.lookupByNameAndType("metricsRegistry", MeterRegistry.class));
        AreaIndex areas = new AreaIndex();
        WebSocketHub hub = new WebSocketHub(context, registry.lookupByNameAndType("vertx", Vertx.class),
                HubSettings.from(settings), keys, registry.lookupByNameAndType("apiKeyFailures", KeyFailures.class),
                json, areas, stats, registry.lookupByNameAndType("session", SessionStatus.class));
        areas.onMoves(hub::areaMembershipChanged);
        stats.bind(hub, areas);
        RegistryReloads reloads = new RegistryReloads(context);
        homeAssistant.addConnectionListener(hub);
        homeAssistant.addConnectionListener(reloads);
        registry.bind("hub", hub);
        registry.bind("hubAreas", areas);
        HubApi api = new HubApi(json, hub, stats);
        registry.bind("hubApi", api);
        registry.bind("hubOverview", OverviewSection.of("hub", api::overview));
        // the status page's live event list connects as a hub client; it asks a person for a key when one is needed
        registry.bind("liveEventsOverview", OverviewSection.of("live_events",
                () -> Map.of("path", WebSocketHub.PATH, "key_required", keys.required())));
        context.addService(reloads, true, true);
        context.addService(hub, true, true);
    }
}
