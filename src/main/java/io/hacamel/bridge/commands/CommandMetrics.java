package io.hacamel.bridge.commands;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The meters of service calls (listed in docs/metrics.md): per path and outcome a timer (count and latency), fallbacks
 * by reason, and calls refused for bad input by field. The circuit breaker's meters are in {@link CommandBreaker}.
 */
final class CommandMetrics {

    static final String WEBSOCKET = "websocket";
    static final String REST = "rest";

    /** Home Assistant ran the call. */
    static final String SUCCESS = "success";
    /** Home Assistant answered with an error of its own (not_found, invalid_format, ...). */
    static final String REJECTED = "rejected";
    /** The call certainly did not reach Home Assistant. */
    static final String NOT_SENT = "not_sent";
    /** The call was sent but no answer came: it may or may not have run. */
    static final String UNKNOWN = "unknown";
    /** Home Assistant answered, but not with the call's outcome (e.g. HTTP 500, a rejected token). */
    static final String FAILED = "failed";

    private static final String FALLBACKS = "habridge.command.fallbacks";
    /** Why a call went over the REST API instead of the session (see FallbackPolicy). */
    private static final String[] FALLBACK_REASONS = {"not_sent", "circuit_open", "circuit_half_open", "resend_unknown"};

    private final MeterRegistry registry;

    CommandMetrics(MeterRegistry registry) {
        this.registry = registry;
        // the series exist from the start, at 0, so that rates and alerts see the first call and the first fallback
        for (String via : new String[] {WEBSOCKET, REST}) {
            for (String outcome : new String[] {SUCCESS, REJECTED, NOT_SENT, UNKNOWN, FAILED}) {
                timer(via, outcome);
            }
        }
        for (String reason : FALLBACK_REASONS) {
            fallbacks(reason);
        }
    }

    void call(String via, String outcome, Duration duration) {
        timer(via, outcome).record(duration);
    }

    void fallback(String reason) {
        fallbacks(reason).increment();
    }

    /** Calls sent over the REST API since the start, by reason. */
    Map<String, Long> fallbacks() {
        Map<String, Long> counts = new TreeMap<>();
        for (Counter counter : registry.find(FALLBACKS).counters()) {
            counts.put(counter.getId().getTag("reason"), (long) counter.count());
        }
        return counts;
    }

    private Timer timer(String via, String outcome) {
        return Timer.builder("habridge.command.calls").description("Service calls per path (websocket, rest) by "
                        + "outcome, with their latency")
                .tag("via", via).tag("outcome", outcome).register(registry);
    }

    private Counter fallbacks(String reason) {
        return Counter.builder(FALLBACKS).description("Service calls sent over the REST API "
                        + "because the session could not take them, by reason")
                .tag("reason", reason).register(registry);
    }

    void invalid(String field) {
        Counter.builder("habridge.command.invalid").description("Service calls refused for bad input before "
                        + "reaching Home Assistant, by field")
                .tag("field", field).register(registry).increment();
    }
}
