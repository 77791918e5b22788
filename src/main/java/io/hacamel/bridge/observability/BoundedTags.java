package io.hacamel.bridge.observability;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Meters per tag value, made once on first sight and looked up without allocating afterwards. Tag values come from
 * outside (event types, command types), so their number is capped: beyond the cap they share the value {@code other},
 * which keeps a misbehaving sender from growing the registry without bound.
 */
final class BoundedTags<M> {

    static final String OTHER = "other";
    static final String UNKNOWN = "unknown";

    private final int capacity;
    private final Function<String, M> create;
    private final Map<String, M> byValue = new ConcurrentHashMap<>();

    BoundedTags(int capacity, Function<String, M> create) {
        this.capacity = capacity;
        this.create = create;
    }

    M get(String value) {
        String key = value == null || value.isEmpty() ? UNKNOWN : value;
        M meters = byValue.get(key);
        if (meters != null) {
            return meters;
        }
        return byValue.computeIfAbsent(byValue.size() < capacity ? key : OTHER, create);
    }

    Collection<M> all() {
        return byValue.values();
    }
}
