package io.hacamel.bridge.hub;

/**
 * A token bucket: {@code perSecond} messages a second on average, in bursts of up to {@code perSecond}. Used by one
 * client's event loop only, so not thread-safe.
 */
final class RateLimiter {

    private final double capacity;
    private final double tokensPerNano;
    private double tokens;
    private long last = System.nanoTime();

    RateLimiter(int perSecond) {
        this.capacity = perSecond;
        this.tokensPerNano = perSecond / 1e9;
        this.tokens = perSecond;
    }

    boolean tryAcquire() {
        long now = System.nanoTime();
        tokens = Math.min(capacity, tokens + (now - last) * tokensPerNano);
        last = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
