package io.hacamel.bridge.observability;

import java.util.function.Supplier;

/**
 * A part of the status page that a feature contributes: bind a bean of this type in the registry and its snapshot
 * appears in {@code GET /api/v1/overview} under {@code sections.<name>}, and on the page. The page has cards of their
 * own for {@code breaker}, {@code publish}, {@code dead_letters}, {@code hub} and {@code live_events}, which say "not
 * configured" until a section of that name exists; any other section is shown as name/value rows.
 */
public interface OverviewSection {

    /** The section's key, e.g. {@code breaker}: lower case, words joined by {@code _}. */
    String name();

    /**
     * What the section shows now: a small tree of maps, lists, strings, numbers and booleans (written as JSON). Called
     * every few seconds while the page is open: must be cheap, and must never contain a secret.
     */
    Object snapshot();

    static OverviewSection of(String name, Supplier<Object> snapshot) {
        return new OverviewSection() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Object snapshot() {
                return snapshot.get();
            }
        };
    }
}
