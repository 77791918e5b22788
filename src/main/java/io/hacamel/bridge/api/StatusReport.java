package io.hacamel.bridge.api;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.hacamel.bridge.Settings;
import io.hacamel.bridge.client.HaConnection;
import io.hacamel.bridge.client.HaConnectionStats;
import io.hacamel.bridge.events.EntityFilter;
import io.hacamel.bridge.homeassistant.HomeAssistantConsumer;
import io.hacamel.bridge.support.HttpBody;
import io.hacamel.bridge.support.UrlUserInfo;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.spi.PropertiesComponent;

/**
 * {@code GET /status}: the effective configuration (secrets masked), the session's details and counters, the filter
 * settings and the cache's statistics.
 */
public final class StatusReport {

    /** The configuration groups that are the bridge's own; Camel's settings are in Camel's own consoles. */
    private static final Set<String> OWN_PREFIXES = Set.of("ha.", "filter.", "cache.", "bridge.", "api.", "demo.",
            "commands.", "mqtt.", "webhooks.", "webhook.", "hub.", "routes.", "management.", "cluster.");

    private final ObjectMapper mapper;
    private final SessionStatus session;
    private final HealthReport health;
    private final EntityFilter filter;
    private final StateCacheStatus cacheStatus;
    private final Cache<String, ?> states;

    public StatusReport(ObjectMapper mapper, SessionStatus session, HealthReport health, EntityFilter filter,
            StateCacheStatus cacheStatus, Cache<String, ?> states) {
        this.mapper = mapper;
        this.session = session;
        this.health = health;
        this.filter = filter;
        this.cacheStatus = cacheStatus;
        this.states = states;
    }

    public void report(Exchange exchange) throws JsonProcessingException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("home_assistant", connectionDetails(exchange));
        body.put("filter", filter.describe());
        body.put("cache", cacheDetails());
        exchange.getContext().getRegistry().findByType(StatusSection.class).stream()
                .sorted(Comparator.comparing(StatusSection::name))
                .forEach(section -> body.put(section.name(), section.describe()));
        body.put("configuration", configuration(exchange.getContext().getPropertiesComponent()));
        body.put("timestamp", Instant.now().toString());
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(HttpBody.of(mapper.writeValueAsBytes(body)));
    }

    private Map<String, Object> connectionDetails(Exchange exchange) {
        Map<String, Object> details = health.sessionDetails();
        HaConnection connection = session.connection();
        if (connection != null) {
            HaConnectionStats stats = connection.stats();
            details.put("connected_since", text(stats.connectedSince()));
            details.put("disconnected_since", text(stats.disconnectedSince()));
            details.put("last_connect_ms", stats.lastConnectMillis());
            details.put("connect_attempts", stats.connectAttempts());
            details.put("reconnects", stats.reconnects());
            details.put("auth_failures", stats.authFailures());
            details.put("messages_received", stats.messagesReceived());
            details.put("events_received", stats.eventsReceived());
            details.put("malformed_frames", stats.malformedFrames());
            details.put("pings_sent", stats.pingsSent());
            details.put("missed_pongs", stats.missedPongs());
            details.put("resyncs", stats.resyncs());
            details.put("last_resync_ms", stats.lastResyncMillis());
            details.put("pending_requests", connection.pendingRequests());
            details.put("known_entities", connection.knownEntities());
        }
        Route events = exchange.getContext().getRoute("ha-events");
        if (events != null && events.getConsumer() instanceof HomeAssistantConsumer consumer) {
            details.put("event_queue_depth", consumer.getQueueDepth());
            details.put("events_coalesced", consumer.getCoalescedEvents());
            details.put("events_dropped", consumer.getDroppedEvents());
        }
        return details;
    }

    /** An instant as ISO 8601 text; null (JSON null) when it never happened. */
    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private Map<String, Object> cacheDetails() {
        CacheStats stats = states.stats();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("mode", cacheStatus.mode());
        details.put("complete", cacheStatus.isComplete());
        details.put("resyncs_applied", cacheStatus.resyncsApplied());
        details.put("entities", states.estimatedSize());
        details.put("hits", stats.hitCount());
        details.put("misses", stats.missCount());
        details.put("hit_rate", stats.hitRate());
        details.put("evictions", stats.evictionCount());
        return details;
    }

    private static Map<String, Object> configuration(PropertiesComponent properties) {
        Settings settings = new Settings(properties);
        Map<String, Object> effective = new TreeMap<>();
        properties.loadPropertiesAsMap().keySet().stream().map(Object::toString)
                .filter(key -> OWN_PREFIXES.stream().anyMatch(key::startsWith))
                .forEach(key -> effective.put(key, mask(key, settings.get(key))));
        return effective;
    }

    private static String mask(String key, String value) {
        return Settings.isSecret(key) && !value.isEmpty() ? "****" : UrlUserInfo.mask(value);
    }
}
