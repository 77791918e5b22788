package io.hacamel.bridge.homeassistant;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What a homeassistant endpoint does: the URI path, e.g. {@code homeassistant:call-service}. */
public enum HomeAssistantOperation {
    /** Consumer: the event stream. */
    EVENTS("events"),
    /** Consumer: the firings of a trigger Home Assistant evaluates (subscribe_trigger). */
    TRIGGER("trigger"),
    CALL_SERVICE("call-service"),
    GET_STATE("get-state"),
    GET_STATES("get-states"),
    GET_SERVICES("get-services"),
    GET_CONFIG("get-config"),
    FIRE_EVENT("fire-event"),
    /** One rendering of a template: render_template, its first event, unsubscribe_events. */
    RENDER_TEMPLATE("render-template"),
    /** Any other WebSocket command, e.g. config/area_registry/list. */
    COMMAND("command");

    private final String path;

    HomeAssistantOperation(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }

    public boolean isConsumer() {
        return this == EVENTS || this == TRIGGER;
    }

    public static HomeAssistantOperation fromPath(String path) {
        for (HomeAssistantOperation operation : values()) {
            if (operation.path.equals(path)) {
                return operation;
            }
        }
        throw new IllegalArgumentException("Unknown homeassistant operation '" + path + "'; use one of "
                + Arrays.stream(values()).map(HomeAssistantOperation::path).collect(Collectors.joining(", ")));
    }
}
