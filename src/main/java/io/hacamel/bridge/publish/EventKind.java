package io.hacamel.bridge.publish;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import io.hacamel.bridge.client.HaEvent;

/** What kind of change a state_changed event is, so that a webhook target takes only the kinds it wants. */
enum EventKind {
    /** The state string changed. */
    STATE,
    /** Only attributes changed. */
    ATTRIBUTES,
    /** The entity appeared (Home Assistant added it, or it reappeared after an outage). */
    ADDED,
    /** The entity is gone. */
    REMOVED,
    /** Every state, once, when the bridge starts (its first sync with Home Assistant). */
    INITIAL;

    static final Set<EventKind> DEFAULT = EnumSet.of(STATE, ATTRIBUTES, ADDED, REMOVED);

    /** @param initialSync true while the bridge's first sync after start is going through the routes */
    static EventKind of(HaEvent event, boolean initialSync) {
        if (event.isRemoval()) {
            return REMOVED;
        }
        if (event.isAddition()) {
            return initialSync && event.resync() ? INITIAL : ADDED;
        }
        return event.sameStateValue() ? ATTRIBUTES : STATE;
    }

    /** A comma-separated list such as {@code state,removed}; empty for the default (all but initial). */
    static Set<EventKind> parse(String list, String key) {
        if (list.isBlank()) {
            return DEFAULT;
        }
        try {
            return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .map(s -> valueOf(s.toUpperCase(Locale.ROOT)))
                    .collect(Collectors.toCollection(() -> EnumSet.noneOf(EventKind.class)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " takes state, attributes, added, removed and initial, was '"
                    + list + "'");
        }
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
