package io.hacamel.bridge.api;

import java.time.Duration;
import java.time.Instant;

import io.hacamel.bridge.client.ConnectionState;
import io.hacamel.bridge.client.HaConnection;
import io.hacamel.bridge.homeassistant.HomeAssistantComponent;

/** How current the bridge's view of Home Assistant is: stale whenever the session is not ready. */
public final class SessionStatus {

    private final HomeAssistantComponent component;

    public SessionStatus(HomeAssistantComponent component) {
        this.component = component;
    }

    public HaConnection connection() {
        return component.getConnection();
    }

    public ConnectionState state() {
        HaConnection connection = connection();
        return connection == null ? ConnectionState.STOPPED : connection.state();
    }

    public boolean isStale() {
        return state() != ConnectionState.READY;
    }

    /** Seconds since the bridge last heard from Home Assistant, or -1 when it never did or is connected. */
    public long ageSeconds() {
        HaConnection connection = connection();
        Instant since = connection == null ? null : connection.stats().disconnectedSince();
        return since == null ? -1 : Duration.between(since, Instant.now()).toSeconds();
    }
}
