package io.hacamel.bridge.observability;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import io.hacamel.bridge.client.HaEvent;
import io.hacamel.bridge.homeassistant.HomeAssistantConsumer;
import io.hacamel.bridge.homeassistant.HomeAssistantEventObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;

/**
 * The event stream's meters: per event type what was received, filtered out, processed, failed or malformed; the
 * lag of live events (now − time_fired) as a histogram; and the consumers' queue. Meters of a type are made on its
 * first event and then looked up without allocating, because the event path is the bridge's hot path.
 */
public final class EventMetrics implements HomeAssistantEventObserver {

    /** From a local Home Assistant (milliseconds) to an overloaded or clock-skewed one (minutes). */
    private static final Duration[] LAG_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
        Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5)};

    /** The counters of one event type. */
    record TypeCounters(String type, Counter received, Counter filtered, Counter processed, Counter failed,
            Counter malformed) {
    }

    private final MeterRegistry registry;
    private final BoundedTags<TypeCounters> byType;
    private final Timer lag;
    private final EventRate rate;

    EventMetrics(MeterRegistry registry, EventRate rate) {
        this.registry = registry;
        this.rate = rate;
        this.byType = new BoundedTags<>(100, this::countersOf);
        this.lag = Timer.builder("habridge.events.lag")
                .description("How long after Home Assistant fired a live event the routes took it (now - time_fired)")
                .serviceLevelObjectives(LAG_BUCKETS)
                .register(registry);
    }

    /** The consumers' queue, read when scraped, summed over every homeassistant:events route. */
    void bindQueue(CamelContext context) {
        Gauge.builder("habridge.events.queue.depth", context, EventMetrics::queueDepth)
                .description("Events waiting in order for the routes").register(registry);
        FunctionCounter.builder("habridge.events.coalesced", context,
                        c -> sum(c, HomeAssistantConsumer::getCoalescedEvents))
                .description("State changes merged into a waiting change of the same entity as the routes fell behind")
                .register(registry);
        FunctionCounter.builder("habridge.events.dropped", context, c -> sum(c, HomeAssistantConsumer::getDroppedEvents))
                .description("Events without an entity dropped because the event queue was full").register(registry);
    }

    static double queueDepth(CamelContext context) {
        return sum(context, HomeAssistantConsumer::getQueueDepth);
    }

    @Override
    public void received(HaEvent event) {
        counters(event.eventType()).received().increment();
    }

    @Override
    public void malformed(HaEvent event, String defect) {
        counters(event.eventType()).malformed().increment();
    }

    @Override
    public void processed(HaEvent event, long dispatchedAtMillis, boolean failed) {
        TypeCounters counters = counters(event.eventType());
        (failed ? counters.failed() : counters.processed()).increment();
        rate.record();
        if (!event.resync() && event.timeFired() != null) {
            long fired = TimeFired.epochMillis(event.timeFired());
            if (fired > 0) {
                // a Home Assistant clock ahead of the bridge's would give a negative lag: counted as none
                lag.record(Math.max(0, dispatchedAtMillis - fired), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** For the entity filter: an event of this type was kept out. */
    void filtered(String eventType) {
        counters(eventType).filtered().increment();
    }

    TypeCounters counters(String eventType) {
        return byType.get(eventType);
    }

    /** Totals over every event type, for the status page. */
    double total(ToDoubleFunction<TypeCounters> counter) {
        return byType.all().stream().mapToDouble(counter).sum();
    }

    EventRate rate() {
        return rate;
    }

    private TypeCounters countersOf(String type) {
        return new TypeCounters(type,
                counter("habridge.events.received", "Events handed to the routes (from Home Assistant or a resync)", type),
                counter("habridge.events.filtered", "Events the entity filters kept out", type),
                counter("habridge.events.processed", "Events the routes handled without an error", type),
                counter("habridge.events.failed", "Events whose route failed (logged and skipped)", type),
                counter("habridge.events.malformed", "Events skipped because they lack what the bridge needs", type));
    }

    private Counter counter(String name, String description, String type) {
        return Counter.builder(name).description(description).tag("type", type).register(registry);
    }

    private static double sum(CamelContext context, ToDoubleFunction<HomeAssistantConsumer> value) {
        double sum = 0;
        for (Route route : context.getRoutes()) {
            if (route.getConsumer() instanceof HomeAssistantConsumer consumer) {
                sum += value.applyAsDouble(consumer);
            }
        }
        return sum;
    }
}
