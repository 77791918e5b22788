package io.hacamel.bridge;


import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.hacamel.bridge.api.ApiErrors;
import io.hacamel.bridge.api.HealthReport;
import io.hacamel.bridge.api.SessionStatus;
import io.hacamel.bridge.api.StateCacheStatus;
import io.hacamel.bridge.api.StateQueries;
import io.hacamel.bridge.api.StatusReport;
import io.hacamel.bridge.client.HaUrls;
import io.hacamel.bridge.demo.DemoMode;

import io.hacamel.bridge.events.EntityFilter;
import io.hacamel.bridge.homeassistant.HomeAssistantAuthorization;
import io.hacamel.bridge.homeassistant.HomeAssistantComponent;
import io.hacamel.bridge.homeassistant.HomeAssistantConfiguration;
import io.vertx.core.Vertx;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;
import org.apache.camel.util.TimeUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every bean of the bridge, made from application.properties. */
@Configuration
public class BridgeConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(BridgeConfiguration.class);

    /** The bridge's one Vert.x: the Home Assistant session and the HTTP server share it. */
    @BindToRegistry(value = "vertx", destroyMethod = "close")
    private final Vertx vertx = Vertx.vertx();

    @BindToRegistry("bridgeJson")
    private final ObjectMapper json = new ObjectMapper();

    /** The latest state of every tracked entity, by entity id. */
    @BindToRegistry("ha-states")
    public Cache<String, Object> stateCache(@PropertyInject("cache.max-entities") long maxEntities) {
        return Caffeine.newBuilder().maximumSize(maxEntities).recordStats().build();
    }

    /** Ready-made state lists: {@code all}, and {@code domain:<domain>}. */
    @BindToRegistry("ha-state-groups")
    public Cache<String, Object> stateGroupCache() {
        return Caffeine.newBuilder().maximumSize(1_000).recordStats().build();
    }

    /** Home Assistant's services, under {@code all}. */
    @BindToRegistry("ha-services")
    public Cache<String, Object> serviceCache() {
        return Caffeine.newBuilder().maximumSize(10).recordStats().build();
    }

    @BindToRegistry("entityFilter")
    public EntityFilter entityFilter(@PropertyInject("filter.enabled") boolean enabled,
            @PropertyInject("filter.include") String include,
            @PropertyInject("filter.exclude-domains") String excludeDomains) {
        return new EntityFilter(enabled, include, excludeDomains);
    }

    @BindToRegistry("stateCacheStatus")
    public StateCacheStatus stateCacheStatus(@PropertyInject("cache.mode") String mode) {
        return new StateCacheStatus(mode.trim());
    }

    @BindToRegistry("apiErrors")
    public ApiErrors apiErrors() {
        return new ApiErrors(json);
    }

    /** The beans that depend on each other and on the Home Assistant session, in order. */
    @Override
    public void configure(CamelContext context) throws Exception {
        Registry registry = context.getRegistry();
        HomeAssistantComponent homeAssistant = homeAssistant(context);
        registry.bind("homeassistant", homeAssistant);
        registry.bind("haAuthorization", new HomeAssistantAuthorization(homeAssistant));
        SessionStatus session = new SessionStatus(homeAssistant);
        EntityFilter filter = registry.lookupByNameAndType("entityFilter", EntityFilter.class);
        HealthReport health = new HealthReport(json, session);
        registry.bind("session", session);
        registry.bind("stateQueries", new StateQueries(json, filter, session));
        registry.bind("healthReport", health);
        @SuppressWarnings("unchecked")
        Cache<String, ?> states = registry.lookupByNameAndType("ha-states", Cache.class);
        registry.bind("statusReport", new StatusReport(json, session, health, filter,
                registry.lookupByNameAndType("stateCacheStatus", StateCacheStatus.class), states));
    }

    private HomeAssistantComponent homeAssistant(CamelContext context) throws Exception {
        PropertiesComponent properties = context.getPropertiesComponent();
        HomeAssistantConfiguration ha = new HomeAssistantConfiguration();
        String url = setting(properties, "ha.url");
        if (url.isBlank()) {
            DemoMode demo = DemoMode.start(vertx, millis(properties, "demo.change-interval"));
            context.addService(demo, true, true);
            url = demo.url();
            ha.setToken(demo.token());
            properties.addOverrideProperty("ha.url", url);
            LOG.info("DEMO MODE: no ha.url (HA_URL) set, so the bridge runs against its built-in Home Assistant "
                    + "simulator at {}. Try: curl http://localhost:{}/api/v1/states", url,
                    setting(properties, "camel.server.port"));
        } else {
            ha.setToken(setting(properties, "ha.token"));
            ha.setTokenFile(setting(properties, "ha.token-file"));
        }
        properties.addOverrideProperty("ha.rest-url", HaUrls.rest(url).toString());
        ha.setUrl(url);
        ha.setCaFile(setting(properties, "ha.ca-file"));
        ha.setInsecure(Boolean.parseBoolean(setting(properties, "ha.insecure")));
        ha.setHandshakeTimeout(millis(properties, "ha.handshake-timeout"));
        ha.setRequestTimeout(millis(properties, "ha.request-timeout"));
        ha.setPingInterval(millis(properties, "ha.ping-interval"));
        ha.setPongTimeout(millis(properties, "ha.pong-timeout"));
        ha.setReconnectInitialDelay(millis(properties, "ha.reconnect.initial-delay"));
        ha.setReconnectMultiplier(Double.parseDouble(setting(properties, "ha.reconnect.multiplier")));
        ha.setReconnectMaxDelay(millis(properties, "ha.reconnect.max-delay"));
        ha.setReconnectJitter(Double.parseDouble(setting(properties, "ha.reconnect.jitter")));
        ha.setReconnectMaxAttempts(Integer.parseInt(setting(properties, "ha.reconnect.max-attempts")));
        ha.setMaxFrameSize(Integer.parseInt(setting(properties, "ha.max-frame-size")));
        HomeAssistantComponent component = new HomeAssistantComponent();
        component.setConfiguration(ha);
        component.setVertx(vertx);
        return component;
    }

    private static String setting(PropertiesComponent properties, String key) {
        return properties.resolveProperty(key).map(String::trim)
                .orElseThrow(() -> new IllegalArgumentException("missing setting " + key + " in application.properties"));
    }

    /** A duration setting: 5000 (milliseconds), 5s, 1m30s. */
    private static long millis(PropertiesComponent properties, String key) {
        String value = setting(properties, key);
        long millis = TimeUtils.toMilliSeconds(value);
        if (millis <= 0) {
            throw new IllegalArgumentException(key + " must be a positive duration such as 5s, was '" + value + "'");
        }
        return millis;
    }

}
