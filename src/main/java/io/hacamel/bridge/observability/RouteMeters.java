package io.hacamel.bridge.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyNamingStrategy;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.ExchangeHelper;
import org.apache.camel.support.RoutePolicySupport;

/**
 * Camel's route meters, with camel-micrometer's own names and tags ({@code camel_route_policy_seconds},
 * {@code camel_exchanges_total}, {@code camel_exchanges_succeeded_total}, {@code camel_exchanges_failed_total}, ...),
 * for a fraction of their cost. camel-micrometer 4.17's route policy names the exchange property holding each timing
 * with {@code String.format} of the route and exchange ids, three times per route an exchange passes: with six routes
 * per state change, more than half of all the event path allocated (docs/benchmarks.md). Here each route's property
 * name is made once.
 */
public final class RouteMeters implements RoutePolicyFactory {

    private static final MicrometerRoutePolicyNamingStrategy NAMES = MicrometerRoutePolicyNamingStrategy.DEFAULT;

    private final MeterRegistry registry;

    public RouteMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public RoutePolicy createRoutePolicy(CamelContext context, String routeId, NamedNode route) {
        return new Policy(registry);
    }

    /** The meters of one route. */
    private static final class Policy extends RoutePolicySupport {

        private final MeterRegistry registry;
        private String timingProperty;
        private Timer timer;
        private Counter total;
        private Counter succeeded;
        private Counter failed;
        private Counter failuresHandled;
        private Counter externalRedeliveries;

        Policy(MeterRegistry registry) {
            this.registry = registry;
        }

        @Override
        public void onInit(Route route) {
            super.onInit(route);
            timingProperty = "HaBridgeRouteTiming-" + route.getRouteId();
            timer = Timer.builder(NAMES.getName(route)).tags(NAMES.getTags(route))
                    .description("Route performance metrics").register(registry);
            total = counter(NAMES.getExchangesTotalName(route), "Total number of processed exchanges", route);
            succeeded = counter(NAMES.getExchangesSucceededName(route), "Number of successfully completed exchanges",
                    route);
            failed = counter(NAMES.getExchangesFailedName(route), "Number of failed exchanges", route);
            failuresHandled = counter(NAMES.getFailuresHandledName(route), "Number of failures handled", route);
            externalRedeliveries = counter(NAMES.getExternalRedeliveriesName(route),
                    "Number of external initiated redeliveries (such as from JMS broker)", route);
        }

        @Override
        public void onExchangeBegin(Route route, Exchange exchange) {
            exchange.setProperty(timingProperty, Timer.start(registry));
        }

        @Override
        public void onExchangeDone(Route route, Exchange exchange) {
            if (exchange.removeProperty(timingProperty) instanceof Timer.Sample sample) {
                sample.stop(timer);
            }
            total.increment();
            if (exchange.isFailed()) {
                failed.increment();
                return;
            }
            succeeded.increment();
            if (ExchangeHelper.isFailureHandled(exchange)) {
                failuresHandled.increment();
            }
            if (exchange.isExternalRedelivered()) {
                externalRedeliveries.increment();
            }
        }

        private Counter counter(String name, String description, Route route) {
            return Counter.builder(name).tags(NAMES.getExchangeStatusTags(route)).description(description)
                    .register(registry);
        }
    }
}
