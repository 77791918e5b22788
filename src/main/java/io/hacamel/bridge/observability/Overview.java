package io.hacamel.bridge.observability;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.hacamel.bridge.api.SessionStatus;
import io.hacamel.bridge.api.StateCacheStatus;
import io.hacamel.bridge.client.HaConnection;
import io.hacamel.bridge.client.HaConnectionStats;
import io.hacamel.bridge.demo.DemoMode;
import io.hacamel.bridge.support.HttpBody;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;

/**
 * {@code GET /api/v1/overview}: what the status page shows, in one small answer it polls every few seconds. The
 * session, the event stream and its rate over the last minutes, the cache, and the sections other features add.
 */
public final class Overview {

    private final ObjectMapper mapper;
    private final SessionStatus session;
    private final EventMetrics events;
    private final StateCacheStatus cacheStatus;
    private final Cache<String, ?> states;

    Overview(ObjectMapper mapper, SessionStatus session, EventMetrics events, StateCacheStatus cacheStatus,
            Cache<String, ?> states) {
        this.mapper = mapper;
        this.session = session;
        this.events = events;
        this.cacheStatus = cacheStatus;
        this.states = states;
    }

    public void report(Exchange exchange) throws JsonProcessingException {
        CamelContext context = exchange.getContext();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("bridge", bridge(context));
        body.put("home_assistant", homeAssistant());
        body.put("events", events(context));
        body.put("cache", cache());
        body.put("sections", sections(context));
        body.put("timestamp", Instant.now().toString());
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setHeader("Cache-Control", "no-store");
        exchange.getMessage().setBody(HttpBody.of(mapper.writeValueAsBytes(body)));
    }

    private static Map<String, Object> bridge(CamelContext context) {
        Map<String, Object> bridge = new LinkedHashMap<>();
        bridge.put("name", context.getName());
        bridge.put("camel_version", context.getVersion());
        bridge.put("uptime_seconds", context.getUptime().toSeconds());
        bridge.put("demo_mode", context.hasService(DemoMode.class) != null);
        return bridge;
    }

    private Map<String, Object> homeAssistant() {
        Map<String, Object> ha = new LinkedHashMap<>();
        ha.put("state", session.state().name());
        ha.put("connected", !session.isStale());
        HaConnection connection = session.connection();
        if (connection != null) {
            HaConnectionStats stats = connection.stats();
            ha.put("ha_version", stats.haVersion());
            ha.put("url", connection.url().toString());
            ha.put("connected_since", stats.connectedSince() == null ? null : stats.connectedSince().toString());
            ha.put("disconnected_since", stats.disconnectedSince() == null ? null : stats.disconnectedSince().toString());
            ha.put("reconnects", stats.reconnects());
            ha.put("reconnect_attempts", stats.consecutiveFailures());
            ha.put("last_error", stats.lastError());
        }
        return ha;
    }

    private Map<String, Object> events(CamelContext context) {
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("received", (long) events.total(c -> c.received().count()));
        totals.put("processed", (long) events.total(c -> c.processed().count()));
        totals.put("filtered", (long) events.total(c -> c.filtered().count()));
        totals.put("failed", (long) events.total(c -> c.failed().count()));
        totals.put("malformed", (long) events.total(c -> c.malformed().count()));
        totals.put("queue_depth", (long) EventMetrics.queueDepth(context));
        EventRate rate = events.rate();
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("bucket_seconds", rate.bucketMillis() / 1000);
        chart.put("current_bucket_end", Instant.ofEpochMilli(rate.currentBucketEnd()).toString());
        chart.put("counts", rate.counts());
        totals.put("rate", chart);
        return totals;
    }

    private Map<String, Object> cache() {
        Map<String, Object> cache = new LinkedHashMap<>();
        CacheStats stats = states.stats();
        cache.put("entities", states.estimatedSize());
        cache.put("reads", stats.requestCount());
        cache.put("hit_rate", stats.hitRate());
        cache.put("mode", cacheStatus.mode());
        cache.put("complete", cacheStatus.isComplete());
        return cache;
    }

    private static Map<String, Object> sections(CamelContext context) {
        Map<String, Object> sections = new TreeMap<>();
        for (OverviewSection section : context.getRegistry().findByType(OverviewSection.class)) {
            sections.put(section.name(), section.snapshot());
        }
        return sections;
    }
}
