package io.hacamel.bridge.homeassistant;

import java.util.ArrayList;
import java.util.List;

import io.hacamel.bridge.client.HaEvent;
import io.hacamel.bridge.client.HaSubscription;
import io.hacamel.bridge.support.CoalescingQueue;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens to event types and feeds the events to the route one at a time, in Home Assistant's order. The consumers of
 * a component share one Home Assistant subscription per event type; each has its own queue and thread, so a slow
 * route slows neither the others nor the session's reader. The reader drops the events the consumer's filter refuses
 * and puts the others on a bounded queue, never waiting: when the route falls behind, waiting state changes coalesce
 * per entity (the latest state always arrives) instead of slowing the reader, which Home Assistant would punish by
 * dropping the connection.
 */
public class HomeAssistantConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(HomeAssistantConsumer.class);

    private final HomeAssistantEndpoint endpoint;
    private final HomeAssistantEventObserver observer;
    private final List<HaSubscription> subscriptions = new ArrayList<>();
    private HomeAssistantEventFilter filter;
    private CoalescingQueue<HaEvent> queue;
    private Dispatcher<HaEvent> dispatcher;

    public HomeAssistantConsumer(HomeAssistantEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.observer = endpoint.getComponent().getEventObserver();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        queue = new CoalescingQueue<>(endpoint.getQueueCapacity(), HomeAssistantConsumer::coalescingKey,
                HaEvent::coalesce);
        dispatcher = new Dispatcher<>(queue, this::dispatch);
        dispatcher.start(endpoint.getCamelContext(), this, "HomeAssistantEvents");
        filter = HomeAssistantEventFilter.of(endpoint.getEntities(), endpoint.getDomains(),
                endpoint.isStateChangesOnly());
        for (String type : endpoint.eventTypes()) {
            subscriptions.add(endpoint.connection().subscribe(type, endpoint.seeding(), this::enqueue));
        }
    }

    @Override
    protected void doStop() throws Exception {
        subscriptions.forEach(subscription -> endpoint.connection().unsubscribe(subscription));
        subscriptions.clear();
        if (dispatcher != null) {
            dispatcher.stop(endpoint.getCamelContext());
            dispatcher = null;
        }
        super.doStop();
    }

    /** Events waiting for the route. */
    public int getQueueDepth() {
        return queue == null ? 0 : queue.depth();
    }

    /** State changes merged into a waiting one for the same entity because the route fell behind. */
    public long getCoalescedEvents() {
        return queue == null ? 0 : queue.coalesced();
    }

    /** Events without an entity dropped because the queue was full. */
    public long getDroppedEvents() {
        return queue == null ? 0 : queue.dropped();
    }

    private void enqueue(HaEvent event) {
        if (filter != null && !filter.accepts(event)) {
            return;
        }
        String defect = event.defect();
        if (defect != null) {
            observer.malformed(event, defect);
            LOG.warn("Skipped a malformed {} event from Home Assistant ({}): {}", event.eventType(), defect,
                    excerpt(event));
            return;
        }
        observer.received(event);
        if (!queue.offer(event)) {
            LOG.warn("Event queue full ({} waiting): dropped a {} event; raise queueCapacity if this repeats",
                    queue.depth(), event.eventType());
        }
    }

    /** The state strings, so that routes can filter with {@code ${header.CamelHomeAssistantState} == 'on'}. */
    private static void setState(Message message, String header, String value) {
        if (value != null) {
            message.setHeader(header, value);
        }
    }

    private void dispatch(HaEvent event) {
        long dispatchedAt = System.currentTimeMillis();
        Exchange exchange = createExchange(false);
        try {
            Message message = exchange.getMessage();
            message.setBody(event);
            message.setHeader(HomeAssistantConstants.EVENT_TYPE, event.eventType());
            message.setHeader(HomeAssistantConstants.RESYNC, event.resync());
            if (event.entityId() != null) {
                message.setHeader(HomeAssistantConstants.ENTITY_ID, event.entityId());
                message.setHeader(HomeAssistantConstants.DOMAIN, event.domain());
            }
            if (event.timeFired() != null) {
                message.setHeader(HomeAssistantConstants.TIME_FIRED, event.timeFired());
            }
            if (event.compactNewState() != null) {
                message.setHeader(HomeAssistantConstants.COMPACT_NEW_STATE, event.compactNewState());
            }
            setState(message, HomeAssistantConstants.STATE, event.newStateValue());
            setState(message, HomeAssistantConstants.OLD_STATE, event.oldStateValue());
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        boolean failed = exchange.getException() != null;
        if (failed) {
            getExceptionHandler().handleException("Error processing a " + event.eventType() + " event", exchange,
                    exchange.getException());
        }
        observer.processed(event, dispatchedAt, failed || exchange.getProperty(Exchange.EXCEPTION_CAUGHT) != null);
        releaseExchange(exchange, false);
    }

    private static String excerpt(HaEvent event) {
        String json = String.valueOf(event.event());
        return json.length() <= 300 ? json : json.substring(0, 300) + "…";
    }

    /** State changes coalesce per entity; other events (no entity) are never merged. */
    private static String coalescingKey(HaEvent event) {
        return HaEvent.STATE_CHANGED.equals(event.eventType()) ? event.entityId() : null;
    }

}
