package io.hacamel.bridge.observability;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

import io.hacamel.bridge.client.HaErrorCode;
import io.hacamel.bridge.client.RequestObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * {@code habridge_ha_request_duration_seconds{type,outcome}}: every command sent to Home Assistant, by its type and
 * how it ended, as a histogram of its latency (its {@code _count} counts the requests).
 */
final class RequestMetrics implements RequestObserver {

    /** How a command ended, as the {@code outcome} tag says it. */
    enum Outcome {
        SUCCESS, HA_ERROR, TIMEOUT, CONNECTION_LOST, NOT_CONNECTED;

        final String tag = name().toLowerCase();

        static Outcome of(HaErrorCode failure) {
            if (failure == null) {
                return SUCCESS;
            }
            return switch (failure) {
                case TIMEOUT -> TIMEOUT;
                case CONNECTION_LOST -> CONNECTION_LOST;
                case NOT_CONNECTED, CANNOT_CONNECT, HANDSHAKE_TIMEOUT, INVALID_AUTH -> NOT_CONNECTED;
                case HOME_ASSISTANT_ERROR, PROTOCOL_ERROR -> HA_ERROR;
            };
        }
    }

    /** From a quick local answer to a request that times out (ha.request-timeout is 5 s, get_states 30 s). */
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
        Duration.ofSeconds(30)};

    /** The timers of one command type, one per outcome once it happened. */
    private record TypeTimers(String type, AtomicReferenceArray<Timer> byOutcome) {
    }

    private final MeterRegistry registry;
    private final BoundedTags<TypeTimers> byType;

    RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.byType = new BoundedTags<>(64,
                type -> new TypeTimers(type, new AtomicReferenceArray<>(Outcome.values().length)));
    }

    @Override
    public void completed(String type, long nanos, HaErrorCode failure) {
        timer(type, Outcome.of(failure)).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Made on the first request of this type and outcome, so only outcomes that happen have series. */
    Timer timer(String type, Outcome outcome) {
        TypeTimers timers = byType.get(type);
        Timer timer = timers.byOutcome().get(outcome.ordinal());
        if (timer == null) {
            // the registry hands back the same timer to a concurrent first caller
            timer = Timer.builder("habridge.ha.request.duration")
                    .description("Commands sent to Home Assistant, by type and outcome, and how long each took")
                    .tag("type", timers.type())
                    .tag("outcome", outcome.tag)
                    .serviceLevelObjectives(BUCKETS)
                    .register(registry);
            timers.byOutcome().set(outcome.ordinal(), timer);
        }
        return timer;
    }
}
