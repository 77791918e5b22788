package io.hacamel.bridge.publish;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many retained topics the embedded broker may hold: it lives in the bridge's heap, and Artemis keeps two
 * addresses, a queue and two paging stores for each retained topic, about 30 KB. A quarter of the heap goes to it
 * (-Xmx144m: about 1,200 topics, 600 entities with mqtt.statestream.attributes=json); the bridge keeps the rest for
 * itself (10,000 entities need about 40 MB live), a backlog of changes while publishing lags, and room to collect
 * garbage. It warns at half; once full, entities not on the broker yet are not published (counted, and said once),
 * while those on it stay up to date. Without the limit, the JVM ran out of memory at about 3,300 topics (10,000
 * entities, -Xmx144m). An external broker has no such limit.
 */
final class EmbeddedBrokerBudget {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBrokerBudget.class);
    /** Measured with Artemis 2.55, 5,000 retained topics: 30,300 to 30,750 bytes each. */
    static final long BYTES_PER_TOPIC = 30 * 1024;
    static final double HEAP_SHARE = 1.0 / 4;

    private final long topics;
    private final long maxHeapMegabytes;
    private final Set<String> notPublished = ConcurrentHashMap.newKeySet();
    private boolean warned;
    private boolean full;

    private EmbeddedBrokerBudget(long topics, long maxHeapBytes) {
        this.topics = topics;
        this.maxHeapMegabytes = maxHeapBytes / (1024 * 1024);
    }

    /** For the embedded broker in a heap of this size (Runtime.maxMemory()). */
    static EmbeddedBrokerBudget forHeap(long maxHeapBytes) {
        return new EmbeddedBrokerBudget((long) (maxHeapBytes * HEAP_SHARE / BYTES_PER_TOPIC), maxHeapBytes);
    }

    /** For an external broker: no limit. */
    static EmbeddedBrokerBudget unlimited() {
        return new EmbeddedBrokerBudget(Long.MAX_VALUE, 0);
    }

    /** Whether an entity that is not on the broker yet may go there, now that it holds {@code held} topics. */
    boolean admits(String entityId, long held) {
        if (held < topics) {
            notPublished.remove(entityId);
            return true;
        }
        if (notPublished.add(entityId) && !full) {
            full = true;
            LOG.error("The embedded MQTT broker is full: it holds {} retained topics, as many as a quarter of the {} "
                    + "MB heap takes (about 30 KB each). Entities not on it yet are not published to MQTT (counted in "
                    + "habridge_mqtt_entities_not_published); those on it stay up to date. For a home this size use an "
                    + "external broker such as Mosquitto (MQTT_URL), or give the bridge a larger heap (-Xmx in "
                    + "bin/jvm.options)", held, maxHeapMegabytes);
        }
        return false;
    }

    /** After the broker's topics changed: warns once, at half the budget. */
    void held(long held) {
        if (!warned && held >= topics / 2) {
            warned = true;
            LOG.warn("The embedded MQTT broker holds {} retained topics, about {} MB of the {} MB heap (about 30 KB "
                    + "each); at {} it takes no new entities. For a home this size use an external broker such as "
                    + "Mosquitto (MQTT_URL), or fewer topics (mqtt.statestream.attributes=json)", held,
                    held * BYTES_PER_TOPIC / (1024 * 1024), maxHeapMegabytes, topics);
        }
    }

    /** An entity Home Assistant removed is no longer waiting for room. */
    void removed(String entityId) {
        notPublished.remove(entityId);
    }

    int notPublished() {
        return notPublished.size();
    }

    long topics() {
        return topics;
    }
}
