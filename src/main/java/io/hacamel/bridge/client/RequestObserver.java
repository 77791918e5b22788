package io.hacamel.bridge.client;

/**
 * Told how every command sent to Home Assistant ended, for metrics. Called on the session's reader or a Vert.x timer
 * (or the caller's thread when the command could not be sent at all): must be cheap and must not block.
 */
@FunctionalInterface
public interface RequestObserver {

    RequestObserver NONE = (type, nanos, failure) -> {
    };

    /**
     * @param type    the command's type, e.g. {@code get_states}, {@code call_service}, {@code ping}
     * @param nanos   from handing the command to the session until its outcome
     * @param failure null when Home Assistant answered with success, else how it failed
     */
    void completed(String type, long nanos, HaErrorCode failure);
}
