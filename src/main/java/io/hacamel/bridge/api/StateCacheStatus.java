package io.hacamel.bridge.api;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.hacamel.bridge.homeassistant.HomeAssistantConstants;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.component.caffeine.CaffeineConstants;

/**
 * What the state routes need to know about the cache beyond its entries. Whether it is complete: true in update mode
 * once a resync has been through it, never in invalidate mode. And when each entity last changed, so that a state or
 * list fetched from Home Assistant is not cached when a change overtook the fetch (it may be older than the change).
 */
public final class StateCacheStatus {

    static final String FETCH_STARTED = "fetchStarted";
    static final String ENTITY_ID = "entityId";
    static final String CACHE_KEY = "cacheKey";

    private final boolean updateMode;
    private final Map<String, Long> lastChange = new ConcurrentHashMap<>();
    private volatile long lastAnyChange = System.nanoTime();
    private volatile boolean complete;
    private final AtomicLong resyncsApplied = new AtomicLong();

    public StateCacheStatus(String cacheMode) {
        if (!cacheMode.equals("update") && !cacheMode.equals("invalidate")) {
            throw new IllegalArgumentException("cache.mode must be update or invalidate, was '" + cacheMode + "'");
        }
        this.updateMode = cacheMode.equals("update");
    }

    /** Called when a resync's last event has gone through the cache routes. */
    public void synced() {
        complete = updateMode;
        resyncsApplied.incrementAndGet();
    }

    /** Resyncs whose every event has been through the cache routes. */
    public long resyncsApplied() {
        return resyncsApplied.get();
    }

    /** Called for every change the cache routes apply. */
    public void changed(@Header(HomeAssistantConstants.ENTITY_ID) String entityId) {
        long now = System.nanoTime();
        lastChange.put(entityId, now);
        lastAnyChange = now;
    }

    /**
     * A fetch remembers when it started, and under which key its answer is cached: the entity id (exchange variable
     * {@code entityId}) or, for a list, the group key the request set.
     */
    public void fetchStarting(Exchange exchange) {
        exchange.setVariable(FETCH_STARTED, System.nanoTime());
        String entityId = exchange.getVariable(ENTITY_ID, String.class);
        exchange.setVariable(CACHE_KEY, entityId != null ? entityId
                : exchange.getMessage().getHeader(CaffeineConstants.KEY, String.class));
    }

    public String fetchedKey(Exchange exchange) {
        return exchange.getVariable(CACHE_KEY, String.class);
    }

    /**
     * True when nothing changed since the fetch started: for one entity (exchange variable {@code entityId}) or, for
     * a list, for any entity.
     */
    public boolean unchangedSinceFetch(Exchange exchange) {
        long started = exchange.getVariable(FETCH_STARTED, Long.class);
        String entityId = exchange.getVariable(ENTITY_ID, String.class);
        long changed = entityId == null ? lastAnyChange : lastChange.getOrDefault(entityId, Long.MIN_VALUE);
        return changed - started < 0;
    }

    public boolean isComplete() {
        return complete;
    }

    public String mode() {
        return updateMode ? "update" : "invalidate";
    }
}
