package io.hacamel.bridge.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;

import io.hacamel.bridge.client.CompactState;

/**
 * Writes Home Assistant state objects as the API returns them: unchanged, plus {@code source} ({@code cache} or
 * {@code home_assistant}), {@code stale} and, when stale, {@code age_seconds}. The states are kept as compact JSON,
 * so each is copied as it is, its closing brace replaced by those fields: nothing is parsed or serialised.
 */
final class StateJson {

    byte[] one(CompactState state, String source, boolean stale, long ageSeconds) {
        return many(List.of(state), source, stale, ageSeconds, false);
    }

    byte[] many(Collection<CompactState> states, String source, boolean stale, long ageSeconds) {
        return many(states, source, stale, ageSeconds, true);
    }

    private static byte[] many(Collection<CompactState> states, String source, boolean stale, long ageSeconds,
            boolean array) {
        // source is one of the two constants of StateQueries, so it needs no escaping
        byte[] ending = (",\"source\":\"" + source + "\",\"stale\":" + stale
                + (stale && ageSeconds >= 0 ? ",\"age_seconds\":" + ageSeconds : "") + "}")
                .getBytes(StandardCharsets.UTF_8);
        int size = 2;
        for (CompactState state : states) {
            size += state.json().length + ending.length + 1;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        if (array) {
            out.write('[');
        }
        boolean first = true;
        for (CompactState state : states) {
            if (!first) {
                out.write(',');
            }
            first = false;
            byte[] json = state.json();
            boolean empty = json.length == 2; // {} has no field for the added ones to follow
            out.write(json, 0, json.length - 1);
            out.write(ending, empty ? 1 : 0, empty ? ending.length - 1 : ending.length);
        }
        if (array) {
            out.write(']');
        }
        return out.toByteArray();
    }
}
