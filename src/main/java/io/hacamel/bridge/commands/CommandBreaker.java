package io.hacamel.bridge.commands;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the circuit breaker of the {@code call-service} route: its state as meters and in /status, and a log line
 * and a counted transition whenever it opens, half-opens or closes. Camel creates the breaker when the route starts
 * (and again after a restart) in the registry the bridge binds, whose entry events tell this class about it.
 */
final class CommandBreaker {

    /** The id of the circuitBreaker step in routes/call-service.camel.yaml, which names the breaker. */
    static final String ID = "call-service-breaker";

    private static final Logger LOG = LoggerFactory.getLogger(CommandBreaker.class);

    private final MeterRegistry meters;
    private volatile CircuitBreaker breaker;
    private volatile String lastTransition;
    private volatile Instant lastTransitionAt;

    CommandBreaker(CircuitBreakerRegistry breakers, MeterRegistry meters) {
        this.meters = meters;
        breakers.getEventPublisher().onEntryAdded(event -> watch(event.getAddedEntry()));
        breakers.getEventPublisher().onEntryReplaced(event -> watch(event.getNewEntry()));
        for (CircuitBreaker.State state : CircuitBreaker.State.values()) {
            Gauge.builder("habridge.command.breaker.state", this, b -> b.state() == state ? 1 : 0)
                    .description("1 for the current state of the circuit breaker around service calls over the session")
                    .tag("state", state.name().toLowerCase()).register(meters);
        }
        // the usual transitions exist from the start, at 0, so that rate() and increase() see the first one
        for (CircuitBreaker.StateTransition usual : new CircuitBreaker.StateTransition[] {
                CircuitBreaker.StateTransition.CLOSED_TO_OPEN, CircuitBreaker.StateTransition.OPEN_TO_HALF_OPEN,
                CircuitBreaker.StateTransition.HALF_OPEN_TO_CLOSED, CircuitBreaker.StateTransition.HALF_OPEN_TO_OPEN}) {
            transitions(usual.getFromState(), usual.getToState());
        }
        Gauge.builder("habridge.command.breaker.failure.rate", this, CommandBreaker::failureRate)
                .description("Percentage of failed calls in the breaker's window; -1 until the window is full")
                .register(meters);
    }

    /** The breaker's state, or null before the route started it. */
    CircuitBreaker.State state() {
        CircuitBreaker current = breaker;
        return current == null ? null : current.getState();
    }

    Map<String, Object> describe() {
        Map<String, Object> details = new LinkedHashMap<>();
        CircuitBreaker current = breaker;
        if (current == null) {
            details.put("state", "not_started");
            return details;
        }
        CircuitBreaker.Metrics metrics = current.getMetrics();
        CircuitBreakerConfig config = current.getCircuitBreakerConfig();
        details.put("state", current.getState().name());
        details.put("last_transition", lastTransition);
        details.put("last_transition_at", lastTransitionAt == null ? null : lastTransitionAt.toString());
        details.put("failure_rate", metrics.getFailureRate());
        details.put("buffered_calls", metrics.getNumberOfBufferedCalls());
        details.put("failed_calls", metrics.getNumberOfFailedCalls());
        details.put("not_permitted_calls", metrics.getNumberOfNotPermittedCalls());
        details.put("sliding_window_size", config.getSlidingWindowSize());
        details.put("minimum_number_of_calls", config.getMinimumNumberOfCalls());
        details.put("failure_rate_threshold", config.getFailureRateThreshold());
        details.put("wait_in_open_state_ms", openMillis(config));
        details.put("permitted_calls_in_half_open_state", config.getPermittedNumberOfCallsInHalfOpenState());
        return details;
    }

    /**
     * For the status page: the state, how the calls in the breaker's window went, the last transition, and the calls
     * that took the REST API instead of the session.
     */
    Map<String, Object> overview(Map<String, Long> fallbacks) {
        Map<String, Object> overview = new LinkedHashMap<>();
        CircuitBreaker current = breaker;
        overview.put("state", current == null ? "NOT_STARTED" : current.getState().name());
        if (current != null) {
            CircuitBreaker.Metrics metrics = current.getMetrics();
            CircuitBreakerConfig config = current.getCircuitBreakerConfig();
            overview.put("failure_rate", metrics.getFailureRate());
            overview.put("failed_calls", metrics.getNumberOfFailedCalls());
            overview.put("calls_in_window", metrics.getNumberOfBufferedCalls());
            overview.put("window", config.getSlidingWindowSize());
            overview.put("minimum_calls", config.getMinimumNumberOfCalls());
            overview.put("failure_rate_threshold", config.getFailureRateThreshold());
            overview.put("open_seconds", openMillis(config) / 1000.0);
        }
        overview.put("last_transition", lastTransition);
        overview.put("last_transition_at", lastTransitionAt == null ? null : lastTransitionAt.toString());
        overview.put("fallbacks", fallbacks.values().stream().mapToLong(Long::longValue).sum());
        overview.put("fallbacks_by_reason", fallbacks);
        return overview;
    }

    private void watch(CircuitBreaker added) {
        if (!ID.equals(added.getName())) {
            return;
        }
        breaker = added;
        added.getEventPublisher().onStateTransition(event -> {
            CircuitBreaker.State from = event.getStateTransition().getFromState();
            CircuitBreaker.State to = event.getStateTransition().getToState();
            lastTransition = event.getStateTransition().name();
            lastTransitionAt = Instant.now();
            transitions(from, to).increment();
            log(added, from, to);
        });
    }

    private Counter transitions(CircuitBreaker.State from, CircuitBreaker.State to) {
        return Counter.builder("habridge.command.breaker.transitions")
                .description("State changes of the circuit breaker around service calls over the session")
                .tag("from", from.name().toLowerCase()).tag("to", to.name().toLowerCase()).register(meters);
    }

    private static void log(CircuitBreaker breaker, CircuitBreaker.State from, CircuitBreaker.State to) {
        CircuitBreaker.Metrics metrics = breaker.getMetrics();
        switch (to) {
            case OPEN -> LOG.warn("Circuit breaker {}: {} -> OPEN, {} of the last {} service calls over the session "
                            + "failed; calls go over the REST API for the next {} ms", ID, from,
                    metrics.getNumberOfFailedCalls(), metrics.getNumberOfBufferedCalls(),
                    openMillis(breaker.getCircuitBreakerConfig()));
            case HALF_OPEN -> LOG.info("Circuit breaker {}: {} -> HALF_OPEN, the next service call probes the session",
                    ID, from);
            case CLOSED -> LOG.info("Circuit breaker {}: {} -> CLOSED, service calls go over the session again", ID,
                    from);
            default -> LOG.warn("Circuit breaker {}: {} -> {}", ID, from, to);
        }
    }

    private double failureRate() {
        CircuitBreaker current = breaker;
        return current == null ? -1 : current.getMetrics().getFailureRate();
    }

    private static long openMillis(CircuitBreakerConfig config) {
        return config.getWaitIntervalFunctionInOpenState().apply(1);
    }
}
