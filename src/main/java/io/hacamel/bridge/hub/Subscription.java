package io.hacamel.bridge.hub;

import java.util.Set;
import java.util.TreeSet;

/**
 * What one client wants to hear about: entity ids, domains, Home Assistant areas, or everything. Immutable: a client
 * swaps in a new one, so the event dispatcher reads it without a lock.
 */
record Subscription(Set<String> entityIds, Set<String> domains, Set<String> areas, boolean all) {

    static final Subscription NONE = new Subscription(Set.of(), Set.of(), Set.of(), false);

    boolean matches(String entityId, String domain, String areaId) {
        return all || entityIds.contains(entityId) || domain != null && domains.contains(domain)
                || includesArea(areaId);
    }

    boolean includesArea(String areaId) {
        return areaId != null && areas.contains(areaId);
    }

    /** Entity ids, domains and areas together. */
    int size() {
        return entityIds.size() + domains.size() + areas.size();
    }

    boolean isEmpty() {
        return !all && entityIds.isEmpty() && domains.isEmpty() && areas.isEmpty();
    }

    Subscription plus(Subscription more) {
        return new Subscription(union(entityIds, more.entityIds), union(domains, more.domains),
                union(areas, more.areas), all || more.all);
    }

    /** Without the given parts; {@code all} in {@code less} ends every part of the subscription. */
    Subscription minus(Subscription less) {
        if (less.all) {
            return NONE;
        }
        return new Subscription(difference(entityIds, less.entityIds), difference(domains, less.domains),
                difference(areas, less.areas), all);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> result = new TreeSet<>(a);
        result.addAll(b);
        return Set.copyOf(result);
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> result = new TreeSet<>(a);
        result.removeAll(b);
        return Set.copyOf(result);
    }
}
