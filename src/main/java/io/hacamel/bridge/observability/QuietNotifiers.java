package io.hacamel.bridge.observability;

import java.util.List;
import java.util.Set;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.StartupListener;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.EventFactory;
import org.apache.camel.spi.EventNotifier;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.EventHelper;

/**
 * Tells Camel's own notifiers that want no exchange events to ignore them. Camel Main's property-placeholder summary,
 * Micrometer's route notifier and Prometheus start-up hook, and platform-http's start-up log each wait for context or
 * route events only, but do not say that they ignore exchange events; while any notifier takes them, Camel makes an
 * event object for every exchange created, sent to an endpoint and completed: about 30 per Home Assistant event, a
 * third of everything the event path allocated (docs/benchmarks.md). Only these notifiers are touched, and only when,
 * asked with an exchange event of each kind before the routes start, they want none: a notifier of the user's, or
 * one that wants exchange events (e.g. camel.metrics.enable-exchange-event-notifier), keeps them all.
 */
final class QuietNotifiers implements StartupListener {

    /** Camel 4.17's notifiers that wait for context or route events only (NoExchangeEventsTest sees them all). */
    private static final Set<String> CAMELS_OWN = Set.of(
            "org.apache.camel.main.BaseMainSupport$PlaceholderSummaryEventNotifier",
            "org.apache.camel.component.micrometer.eventnotifier.MicrometerRouteEventNotifier",
            "org.apache.camel.component.micrometer.prometheus.MicrometerPrometheus$1",
            "org.apache.camel.component.platform.http.main.MainHttpServerUtil$1$1");

    static void install(CamelContext context) throws Exception {
        context.addStartupListener(new QuietNotifiers());
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) throws Exception {
        List<CamelEvent> exchangeEvents = exchangeEvents(context);
        for (EventNotifier notifier : context.getManagementStrategy().getEventNotifiers()) {
            if (CAMELS_OWN.contains(notifier.getClass().getName()) && !notifier.isIgnoreExchangeEvents()
                    && exchangeEvents.stream().noneMatch(notifier::isEnabled)) {
                notifier.setIgnoreExchangeEvents(true);
            }
        }
        context.getCamelContextExtension().setEventNotificationApplicable(EventHelper.eventsApplicable(context));
    }

    private static List<CamelEvent> exchangeEvents(CamelContext context) throws Exception {
        EventFactory events = context.getManagementStrategy().getEventFactory();
        Exchange exchange = new DefaultExchange(context);
        exchange.setException(new IllegalStateException("a sample"));
        return List.of(events.createExchangeCreatedEvent(exchange),
                events.createExchangeSendingEvent(exchange, null),
                events.createExchangeSentEvent(exchange, null, 0),
                events.createExchangeCompletedEvent(exchange),
                events.createExchangeFailedEvent(exchange),
                events.createExchangeFailureHandlingEvent(exchange, null, false, null),
                events.createExchangeFailureHandledEvent(exchange, null, false, null),
                events.createExchangeRedeliveryEvent(exchange, 1));
    }
}
