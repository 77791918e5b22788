package io.hacamel.bridge.api;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import io.hacamel.bridge.homeassistant.HomeAssistantConstants;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.component.caffeine.CaffeineConstants;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * What the state routes need to know about the cache beyond its entries. Whether it is complete: true in update mode
 * once a resync has been through it, never in invalidate mode. And which fetches from Home Assistant are on their
 * way, so that what a fetch brings back is not cached when a change overtook it (it may be older than the change): a
 * change marks the fetches of its entity, and of every list, before its route writes the cache; a fetch checks its
 * mark and puts its answer in one step under the cache entry's lock. Whatever the interleaving, the newer state wins.
 * Only fetches in flight are remembered, so nothing here grows with the number of entities.
 */
public final class StateCacheStatus {

    static final String FETCH = "stateFetch";
    static final String ENTITY_ID = "entityId";
    static final String CACHE_NAME = "cacheName";

    /** A fetch on its way: its entity (null for a list), the key its answer is kept under, whether it was overtaken. */
    private static final class Fetch {
        private final String entityId;
        private final String key;
        private volatile boolean overtaken;

        Fetch(String entityId, String key) {
            this.entityId = entityId;
            this.key = key;
        }
    }

    private final boolean updateMode;
    private final Set<Fetch> inFlight = ConcurrentHashMap.newKeySet();
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

    /** Called for every change, before the cache routes write it: the fetches it overtakes keep nothing. */
    public void changed(@Header(HomeAssistantConstants.ENTITY_ID) String entityId) {
        if (inFlight.isEmpty()) {
            return;
        }
        for (Fetch fetch : inFlight) {
            if (fetch.entityId == null || fetch.entityId.equals(entityId)) {
                fetch.overtaken = true;
            }
        }
    }

    /**
     * A fetch announces itself before it asks Home Assistant, with the key its answer is cached under: the entity id
     * (exchange variable {@code entityId}) or, for a list, the group key the request set. It is forgotten when its
     * exchange completes, however that ends.
     */
    public void fetchStarting(Exchange exchange) {
        String entityId = exchange.getVariable(ENTITY_ID, String.class);
        Fetch fetch = new Fetch(entityId, entityId != null ? entityId
                : exchange.getMessage().getHeader(CaffeineConstants.KEY, String.class));
        inFlight.add(fetch);
        exchange.setVariable(FETCH, fetch);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                inFlight.remove(fetch);
            }
        });
    }

    /**
     * Keeps what the fetch brought back (the body) in the cache named by the exchange variable {@code cacheName},
     * unless a change overtook the fetch; checked under the entry's lock, so a change cannot slip in between.
     */
    public void keepFetched(Exchange exchange) {
        Fetch fetch = exchange.getVariable(FETCH, Fetch.class);
        if (fetch.overtaken) {
            return;
        }
        Object fetched = exchange.getMessage().getBody();
        @SuppressWarnings("unchecked")
        Cache<String, Object> cache = exchange.getContext().getRegistry()
                .lookupByNameAndType(exchange.getVariable(CACHE_NAME, String.class), Cache.class);
        cache.asMap().compute(fetch.key, (key, current) -> fetch.overtaken ? current : fetched);
    }

    /** Fetches from Home Assistant on their way now. */
    int fetchesInFlight() {
        return inFlight.size();
    }

    public boolean isComplete() {
        return complete;
    }

    public String mode() {
        return updateMode ? "update" : "invalidate";
    }
}
