package io.hacamel.bridge;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.hacamel.bridge.api.ApiErrors;
import io.hacamel.bridge.api.ApiBeans;
import io.hacamel.bridge.api.HealthReport;
import io.hacamel.bridge.api.HttpLimits;
import io.hacamel.bridge.api.LimitedVertx;
import io.hacamel.bridge.api.SessionStatus;
import io.hacamel.bridge.api.StateCacheStatus;
import io.hacamel.bridge.api.StateQueries;
import io.hacamel.bridge.api.StatusReport;
import io.hacamel.bridge.client.HaUrls;
import io.hacamel.bridge.cluster.ClusterBeans;
import io.hacamel.bridge.cluster.Leadership;
import io.hacamel.bridge.commands.CommandAdmission;
import io.hacamel.bridge.commands.CommandBeans;
import io.hacamel.bridge.demo.DemoMode;

import io.hacamel.bridge.events.EntityFilter;
import io.hacamel.bridge.homeassistant.HomeAssistantAuthorization;
import io.hacamel.bridge.homeassistant.HomeAssistantComponent;
import io.hacamel.bridge.hub.HubBeans;
import io.hacamel.bridge.observability.MetricsEndpoint;
import io.hacamel.bridge.observability.ObservabilityBeans;
import io.hacamel.bridge.observability.RouteMeters;
import io.hacamel.bridge.observability.SessionMetrics;
import io.hacamel.bridge.publish.PublishingBeans;
import io.hacamel.bridge.support.PemTrust;
import io.hacamel.bridge.support.UrlUserInfo;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.apache.camel.StartupListener;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.spi.CliConnectorFactory;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustAllTrustManager;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every bean of the bridge, made from application.properties. */
@Configuration
public class BridgeConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(BridgeConfiguration.class);
    private static final String METRICS_REGISTRY = "metricsRegistry";
    private static final List<String> ROUTE_DURATIONS = List.of("ha.rest.connect-timeout", "ha.rest.response-timeout",
            "webhooks.connect-timeout", "webhooks.response-timeout");

    /** The bridge's one Vert.x: the Home Assistant session and the HTTP servers (with their limits) share it. */
    @BindToRegistry(value = "vertx", destroyMethod = "close")
    private final LimitedVertx vertx = new LimitedVertx(Vertx.vertx());

    @BindToRegistry("bridgeJson")
    private final ObjectMapper json = new ObjectMapper();

    /** The latest state of every tracked entity, by entity id. */
    @BindToRegistry("ha-states")
    public Cache<String, Object> stateCache(@PropertyInject("cache.max-entities") long maxEntities) {
        return Caffeine.newBuilder().maximumSize(maxEntities).recordStats().build();
    }

    /**
     * Entities Home Assistant said it does not have, for {@code cache.not-found-ttl}: reads of them answer 404 without
     * asking again. Bounded, so that reads of ever new made-up ids cannot grow it.
     */
    @BindToRegistry(StateQueries.NOT_FOUND_CACHE)
    public Cache<String, Object> notFoundCache(CamelContext context) {
        long ttl = new Settings(context.getPropertiesComponent()).millis("cache.not-found-ttl");
        return Caffeine.newBuilder().expireAfterWrite(Duration.ofMillis(ttl)).maximumSize(10_000).recordStats()
                .build();
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

    @BindToRegistry("metricsEndpoint")
    public MetricsEndpoint metricsEndpoint(CamelContext context) {
        return new MetricsEndpoint(metrics(context));
    }

    @BindToRegistry("apiErrors")
    public ApiErrors apiErrors() {
        return new ApiErrors(json);
    }

    /** The beans that depend on each other and on the Home Assistant session, in order. */
    @Override
    public void configure(CamelContext context) throws Exception {
        ObservabilityBeans.requireFreePorts(context.getPropertiesComponent());
        Registry registry = context.getRegistry();
        resolveRouteDurations(context.getPropertiesComponent());
        startCamelCliWhenStarted(context);
        HttpLimits httpLimits = HttpLimits.from(new Settings(context.getPropertiesComponent()), vertx.unlimited(),
                metrics(context));
        vertx.limits(httpLimits);
        context.addStartupListener(httpLimits);
        HomeAssistantComponent homeAssistant = homeAssistant(context);
        registry.bind("haAuthorization", new HomeAssistantAuthorization(homeAssistant));
        SessionStatus session = new SessionStatus(homeAssistant);
        PrometheusMeterRegistry metrics = metrics(context);
        // first: the gate goes in front of the HTTP server's router before any route or the hub is there
        ApiBeans.bind(context, new Settings(context.getPropertiesComponent()),
                context.hasService(DemoMode.class) != null, metrics);
        context.addRoutePolicyFactory(new RouteMeters(metrics));
        SessionMetrics.bind(metrics, session);
        EntityFilter filter = registry.lookupByNameAndType("entityFilter", EntityFilter.class);
        Leadership leadership = ClusterBeans.bind(context, new Settings(context.getPropertiesComponent()));
        HealthReport health = new HealthReport(json, session, leadership::describe);
        registry.bind("session", session);
        registry.bind("stateQueries", new StateQueries(json, filter, session));
        registry.bind("healthReport", health);
        @SuppressWarnings("unchecked")
        Cache<String, ?> states = registry.lookupByNameAndType("ha-states", Cache.class);
        registry.bind("statusReport", new StatusReport(json, session, health, filter,
                registry.lookupByNameAndType("stateCacheStatus", StateCacheStatus.class), states));
        CommandBeans.bind(context, new Settings(context.getPropertiesComponent()), metrics, json);
        ObservabilityBeans.bind(context, metrics);
        PublishingBeans.bind(context, new Settings(context.getPropertiesComponent()), leadership);
        HubBeans.bind(context, new Settings(context.getPropertiesComponent()));
        CommandBeans.bindMqtt(context, new Settings(context.getPropertiesComponent()), metrics, json,
                registry.lookupByNameAndType("commandAdmission", CommandAdmission.class));
        ClusterBeans.joinWhenStarted(context, leadership);
    }

    /**
     * Camel JBang's status file (`camel get`) only when asked for: writing it costs CPU every second. Its connector is
     * started once the context is, not while the context starts: its first task reads the dev consoles while Camel
     * is still starting them, a ConcurrentModificationException that stops the start (Camel 4.17, busy machines).
     */
    private static void startCamelCliWhenStarted(CamelContext context) throws Exception {
        CliConnectorFactory camelCli = context.getCamelContextExtension().getContextPlugin(CliConnectorFactory.class);
        if (camelCli == null) {
            return;
        }
        camelCli.setEnabled(false);
        if (Boolean.parseBoolean(new Settings(context.getPropertiesComponent()).get("observability.camel-cli"))) {
            context.addStartupListener(new StartupListener() {
                @Override
                public void onCamelContextStarted(CamelContext started, boolean alreadyStarted) {
                }

                @Override
                public void onCamelContextFullyStarted(CamelContext started, boolean alreadyStarted)
                        throws Exception {
                    camelCli.setEnabled(true); // it makes no connector while off
                    started.addService(camelCli.createConnector(), true, true);
                }
            });
        }
    }

    /**
     * The durations the routes hand to endpoint options that take plain milliseconds (camel-http's connectTimeout and
     * responseTimeout): written as 10s in application.properties, the routes see 10000. Every other duration is read
     * by the bridge ({@link Settings#millis}) or by Camel itself (the homeassistant component's options, the webhook
     * retries' redelivery policy).
     */
    static void resolveRouteDurations(PropertiesComponent properties) {
        Settings settings = new Settings(properties);
        for (String key : ROUTE_DURATIONS) {
            properties.addOverrideProperty(key, String.valueOf(settings.millis(key)));
        }
    }

    /**
     * Every meter of the bridge and of Camel, in one registry: the one camel-micrometer made and bound under this name
     * (camel.metrics.enabled, set up before this class), else one of the bridge's own that camel-micrometer then uses.
     */
    private static PrometheusMeterRegistry metrics(CamelContext context) {
        Registry registry = context.getRegistry();
        PrometheusMeterRegistry metrics = registry.lookupByNameAndType(METRICS_REGISTRY, PrometheusMeterRegistry.class);
        if (metrics == null) {
            metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            registry.bind(METRICS_REGISTRY, metrics);
        }
        return metrics;
    }

    /**
     * The homeassistant component, which Camel makes and configures from {@code camel.component.homeassistant.*}
     * (application.properties maps the {@code ha.*} keys onto them) right after this class. The URL (which may hold a
     * password) and the token are handed over here, not through a placeholder, whose parser logs the values it
     * resolves at DEBUG. Without {@code ha.url} the component is pointed at the built-in simulator (demo mode).
     */
    private HomeAssistantComponent homeAssistant(CamelContext context) throws Exception {
        PropertiesComponent properties = context.getPropertiesComponent();
        Settings settings = new Settings(properties);
        HomeAssistantComponent component = context.getComponent("homeassistant", HomeAssistantComponent.class);
        String url = settings.get("ha.url");
        if (url.isBlank()) {
            DemoMode demo = DemoMode.start(vertx.unlimited(), settings.millis("demo.change-interval"));
            context.addService(demo, true, true);
            url = demo.url();
            component.getConfiguration().setToken(demo.token());
            properties.addOverrideProperty("ha.url", url);
            LOG.info("DEMO MODE: no ha.url (HA_URL) set, so the bridge runs against its built-in Home Assistant "
                    + "simulator at {}. Try: curl http://localhost:{}/api/v1/states", url,
                    settings.get("camel.server.port"));
        } else {
            component.getConfiguration().setToken(settings.get("ha.token"));
            String shown = UrlUserInfo.mask(url);
            if (!shown.equals(url)) {
                LOG.warn("ha.url holds a user name or password ({}); they are not sent: Home Assistant takes the "
                        + "access token (ha.token)", shown);
            }
        }
        component.getConfiguration().setUrl(url);
        properties.addOverrideProperty("ha.rest-url", HaUrls.rest(url).toString());
        restTls(context, settings.get("ha.ca-file"), Boolean.parseBoolean(settings.get("ha.insecure")));
        component.setVertx(vertx);
        return component;
    }

    /** Home Assistant's REST API (fetch-state, call-service-rest) trusts what the session trusts. */
    private static void restTls(CamelContext context, String caFile, boolean insecure) throws Exception {
        if (caFile.isBlank() && !insecure) {
            return;
        }
        TrustManagersParameters trust = new TrustManagersParameters();
        trust.setTrustManager(insecure ? TrustAllTrustManager.INSTANCE : PemTrust.trustManager(Path.of(caFile), "ha.ca-file"));
        SSLContextParameters tls = new SSLContextParameters();
        tls.setTrustManagers(trust);
        HttpComponent https = context.getComponent("https", HttpComponent.class);
        https.setSslContextParameters(tls);
        if (insecure) {
            https.setX509HostnameVerifier((host, session) -> true);
        }
    }
}
