package io.hacamel.bridge.homeassistant;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What a homeassistant endpoint does: the URI path, e.g. {@code homeassistant:call-service}. */
public enum HomeAssistantOperation {
    /** Consumer: the event stream. */
    EVENTS("events"),
    CALL_SERVICE("call-service"),
    GET_STATES("get-states"),
    GET_SERVICES("get-services"),
    GET_CONFIG("get-config"),
    /** Any other WebSocket command, e.g. config/area_registry/list. */
    COMMAND("command");

    private final String path;

    HomeAssistantOperation(String path) {
        this.path = path;
    }

    public String path() {
        return path;
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
