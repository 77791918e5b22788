package io.hacamel.bridge.homeassistant;

import java.util.Map;

import io.hacamel.bridge.client.ConnectionState;
import io.hacamel.bridge.client.HaConnection;
import io.hacamel.bridge.client.HaConnectionStats;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of the Home Assistant session: UP only when authenticated, subscribed and in sync. Not a liveness check:
 * the bridge is alive (and serves cached states) while Home Assistant is away.
 */
public class HomeAssistantHealthCheck extends AbstractHealthCheck {

    private final HaConnection connection;

    public HomeAssistantHealthCheck(HaConnection connection) {
        super("homeassistant", "homeassistant");
        this.connection = connection;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        ConnectionState state = connection.state();
        HaConnectionStats stats = connection.stats();
        builder.detail("state", state.name());
        builder.detail("url", connection.url().toString());
        builder.detail("reconnect_attempts", stats.consecutiveFailures());
        builder.detail("subscriptions", connection.subscriptionCount());
        if (stats.haVersion() != null) {
            builder.detail("ha_version", stats.haVersion());
        }
        if (stats.lastError() != null) {
            builder.detail("last_error", stats.lastError());
        }
        if (state == ConnectionState.READY) {
            builder.up();
        } else {
            builder.message(describe(state, stats)).down();
        }
    }

    static String describe(ConnectionState state, HaConnectionStats stats) {
        return switch (state) {
            case READY -> "connected";
            case AUTH_FAILED -> "Home Assistant rejected the access token; put a new one in ha.token-file (picked up by "
                    + "itself), or fix ha.token and restart the bridge";
            case GAVE_UP -> "gave up reconnecting: " + stats.lastError();
            case AUTHENTICATED -> "subscribing and resyncing";
            case CONNECTING -> "connecting";
            case DISCONNECTED -> "disconnected: " + stats.lastError();
            case STOPPED -> "stopped";
        };
    }
}
