package io.hacamel.bridge.api;

import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wrong keys per client address ({@code api.key-failures.limit} within {@code api.key-failures.window}). Once an
 * address reached the limit, every request of it that needs a key is refused (429) until its window ends, the right
 * key included: otherwise the answer to a guess would still tell a right key from a wrong one. One log line per
 * address and window. The API and the hub count into the same windows.
 */
public final class KeyFailures {

    private static final Logger LOG = LoggerFactory.getLogger(KeyFailures.class);
    /** Addresses remembered at most; the oldest are forgotten first, so a flood of addresses cannot fill the heap. */
    private static final int MAX_ADDRESSES = 100_000;

    /** The failures of one address in its current window. */
    private record Window(long startMillis, int failures) {
    }

    private final int limit;
    private final long windowMillis;
    private final LongSupplier clockMillis;
    private final Cache<String, Window> windows;

    KeyFailures(int limit, long windowMillis, LongSupplier clockMillis) {
        this.limit = limit;
        this.windowMillis = windowMillis;
        this.clockMillis = clockMillis;
        this.windows = Caffeine.newBuilder().maximumSize(MAX_ADDRESSES)
                .ticker(() -> clockMillis.getAsLong() * 1_000_000)
                .expireAfterWrite(Duration.ofMillis(windowMillis)).build();
    }

    /** How many seconds until the address may try a key again; 0 when it may now. */
    long blockedSeconds(String address) {
        Window window = windows.getIfPresent(address);
        if (window == null || window.failures() < limit) {
            return 0;
        }
        long left = window.startMillis() + windowMillis - clockMillis.getAsLong();
        return left <= 0 ? 0 : Math.max(1, (left + 999) / 1000);
    }

    /** A wrong key from this address (over HTTP or at the hub). */
    public void failed(String address) {
        long now = clockMillis.getAsLong();
        Window counted = windows.asMap().compute(address, (key, window) ->
                window == null || now - window.startMillis() >= windowMillis ? new Window(now, 1)
                        : new Window(window.startMillis(), window.failures() + 1));
        if (counted.failures() == limit) {
            LOG.warn("{} wrong API keys from {} within {} s: refusing its requests with 429 until {} "
                            + "(api.key-failures.limit, api.key-failures.window)", limit, address,
                    windowMillis / 1000, Instant.ofEpochMilli(counted.startMillis() + windowMillis));
        }
    }

    /** Whether the address may present a key now; for the hub, which refuses a blocked address at the handshake. */
    public boolean blocked(String address) {
        return blockedSeconds(address) > 0;
    }
}
