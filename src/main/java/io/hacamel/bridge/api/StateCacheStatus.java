package io.hacamel.bridge.api;

/**
 * Whether the state cache holds every tracked entity, so that state lists can be built from it. True in update mode
 * once a resync has been through the cache; never in invalidate mode, where entries are dropped on every change.
 */
public final class StateCacheStatus {

    private final boolean updateMode;
    private volatile boolean complete;

    public StateCacheStatus(String cacheMode) {
        if (!cacheMode.equals("update") && !cacheMode.equals("invalidate")) {
            throw new IllegalArgumentException("cache.mode must be update or invalidate, was '" + cacheMode + "'");
        }
        this.updateMode = cacheMode.equals("update");
    }

    /** Called when a resync's last event has gone through the cache routes. */
    public void synced() {
        complete = updateMode;
    }

    public boolean isComplete() {
        return complete;
    }

    public String mode() {
        return updateMode ? "update" : "invalidate";
    }
}
