package io.hacamel.bridge.api;

import java.util.Map;
import java.util.function.Supplier;

/** A part of {@code GET /status} that a feature adds: any bean of this type in the registry is asked at each call. */
public interface StatusSection {

    /** The section's key in the answer, e.g. {@code service_calls}. */
    String name();

    /** The section's content; never secrets. */
    Map<String, Object> describe();

    static StatusSection of(String name, Supplier<Map<String, Object>> content) {
        return new StatusSection() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Map<String, Object> describe() {
                return content.get();
            }
        };
    }
}
