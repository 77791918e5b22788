package io.hacamel.bridge.simulator;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** The fault settings the protocol code consults; {@link SimulatorFaults} is how tests change them. */
final class ActiveFaults {

    /** Calls still to fail, and how. */
    record CallFailure(int remaining, String code, String message) {
    }

    private volatile boolean silent;
    private volatile Duration resultDelay = Duration.ZERO;
    private volatile boolean restDown;
    private volatile boolean restHang;
    private volatile boolean loseAuthRequired;
    private final Map<String, AtomicInteger> withheld = new ConcurrentHashMap<>();
    private final AtomicReference<CallFailure> failure = new AtomicReference<>();

    boolean silent() {
        return silent;
    }

    void silent(boolean value) {
        silent = value;
    }

    Duration resultDelay() {
        return resultDelay;
    }

    void resultDelay(Duration value) {
        resultDelay = value;
    }

    boolean restDown() {
        return restDown;
    }

    void restDown(boolean value) {
        restDown = value;
    }

    boolean restHang() {
        return restHang;
    }

    void restHang(boolean value) {
        restHang = value;
    }

    boolean loseAuthRequired() {
        return loseAuthRequired;
    }

    void loseAuthRequired(boolean value) {
        loseAuthRequired = value;
    }

    void withhold(int count, String commandType) {
        withheld.put(commandType, new AtomicInteger(count));
    }

    /** Whether the result of this command must be withheld; counts it off when so. */
    boolean takeWithheld(String commandType) {
        AtomicInteger left = withheld.get(commandType);
        return left != null && left.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    void failCalls(int count, String code, String message) {
        failure.set(count > 0 ? new CallFailure(count, code, message) : null);
    }

    /** The failure the next service call must answer with, or null; counts it off. */
    CallFailure takeFailure() {
        CallFailure taken = failure.getAndUpdate(
            f -> f == null || f.remaining() <= 1 ? null : new CallFailure(f.remaining() - 1, f.code(), f.message()));
        return taken;
    }

    void reset() {
        silent = false;
        resultDelay = Duration.ZERO;
        restDown = false;
        restHang = false;
        loseAuthRequired = false;
        withheld.clear();
        failure.set(null);
    }
}
