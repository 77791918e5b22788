package io.hacamel.bridge.observability;

/**
 * A part of the status page that a feature contributes: bind a bean of this type in the registry and its snapshot
 * appears in {@code GET /api/v1/overview} under {@code sections.<name>}, and on the page. The page keeps a card for
 * {@code breaker}, {@code publish}, {@code dead_letters} and {@code live_events}, which says "not configured" until a
 * section of that name exists.
 */
public interface OverviewSection {

    /** The section's key, e.g. {@code breaker}: lower case, words joined by {@code _}. */
    String name();

    /**
     * What the section shows now: a small tree of maps, lists, strings, numbers and booleans (written as JSON). Called
     * every few seconds while the page is open: must be cheap, and must never contain a secret.
     */
    Object snapshot();
}
