package io.hacamel.bridge.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * A part of an {@link HaEvent} as a tree: given, or made once from Home Assistant's bytes (or from other trees) when
 * first asked for, on whatever thread asks. Safe to share.
 */
final class LazyTree {

    /** Plain JSON, no settings: Home Assistant's bytes read as they are. */
    private static final JsonMapper JSON = new JsonMapper();

    static final LazyTree NONE = new LazyTree(null, false);

    /** Given as a tree (not made from bytes): it may be anything, which {@link HaEvent#defect()} checks. */
    final boolean made;
    private volatile Supplier<JsonNode> maker;
    private volatile JsonNode value;

    private LazyTree(JsonNode value, boolean made) {
        this.value = value;
        this.made = made;
    }

    LazyTree(Supplier<JsonNode> maker) {
        this.maker = maker;
        this.made = false;
    }

    static LazyTree of(JsonNode value) {
        return value == null ? NONE : new LazyTree(value, true);
    }

    static LazyTree parse(byte[] json) {
        return json == null ? NONE : new LazyTree(() -> {
            try {
                return JSON.readTree(json);
            } catch (IOException e) {
                throw new UncheckedIOException(e); // cut from a frame that was read as JSON
            }
        });
    }

    JsonNode get() {
        JsonNode tree = value;
        if (tree == null && maker != null) {
            synchronized (this) {
                tree = value;
                if (tree == null) {
                    tree = maker.get();
                    value = tree;
                    maker = null;
                }
            }
        }
        return tree;
    }
}
