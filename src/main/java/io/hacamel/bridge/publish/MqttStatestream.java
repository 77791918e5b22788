package io.hacamel.bridge.publish;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

import io.hacamel.bridge.client.CompactState;
import io.hacamel.bridge.client.HaEvent;
import io.hacamel.bridge.events.EntityFilter;
import io.hacamel.bridge.homeassistant.HomeAssistantConstants;
import io.hacamel.bridge.mqtt.MqttConnection;
import org.apache.camel.Body;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Predicate;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT publishing target (bean {@code statestream}): keeps the broker's retained statestream topics equal to the
 * latest state of every published entity. Changes wait in a {@link PublishQueue} and go out one entity at a time
 * through the {@code mqtt-publish} route; only topics whose payload changed are sent (the state topic always is),
 * topics an entity no longer has are cleared, and after every (re)connect a snapshot republishes everything, since
 * the broker may have restarted without them, and {@link StaleTopics} clears what an earlier run left that no entity
 * owns now. A standby of a pair publishes nothing: it keeps what the leader publishes as the broker's state, so that
 * as the new leader its snapshot holds every tracked state, and its sweep clears the entities gone.
 */
public final class MqttStatestream extends ServiceSupport implements PublishWindow.Outcome, Predicate {

    private static final Logger LOG = LoggerFactory.getLogger(MqttStatestream.class);
    static final String ROUTE = "direct:mqtt-publish";
    private static final byte[] CLEARED = new byte[0];

    /** One retained message; an empty payload clears the topic. */
    public record Message(String topic, byte[] payload) {
    }

    private final CamelContext camelContext;
    private final MqttConnection connection;
    private final EntityFilter filter;
    private final Statestream layout;
    private final PublishQueue<StateUpdate> queue;
    /** The state each published entity has on the broker; read by the snapshot, written by the queue's thread. */
    private final Map<String, CompactState> retained = new ConcurrentHashMap<>();
    private final Set<String> reportedAttributes = ConcurrentHashMap.newKeySet();
    private final LongAdder statesPublished = new LongAdder();
    private final LongAdder removalsCleared = new LongAdder();
    private final LongAdder snapshots = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder skippedAttributes = new LongAdder();
    /** Topics holding a retained message of the bridge's; the embedded broker pays about 30 KB of heap for each. */
    private final AtomicLong retainedTopics = new AtomicLong();
    private final EmbeddedBrokerBudget budget;
    private final PublishWindow window;
    private final StaleTopics staleTopics;
    /** How many clears the sweep in hand sends. */
    private int sweepSize;
    /** How many topics the update in hand adds (negative: clears), counted once the broker has it. */
    private int topicChange;
    private final BooleanSupplier mayAct;
    private ProducerTemplate template;
    private ExecutorService thread;

    /**
     * @param connection null when MQTT is switched off: then nothing is accepted
     * @param embeddedBroker whether the broker is the bridge's own, which holds only as many topics as its share of
     *                       the heap allows
     * @param homeAssistantSynced true once a resync with Home Assistant has been through the routes
     * @param mayAct whether the bridge may publish at this instant: it leads (always, without a pair)
     */
    MqttStatestream(CamelContext camelContext, MqttConnection connection, boolean embeddedBroker, EntityFilter filter,
            Statestream layout, int queueCapacity, BooleanSupplier homeAssistantSynced, BooleanSupplier mayAct) {
        this.camelContext = camelContext;
        this.mayAct = mayAct;
        this.connection = connection;
        this.budget = embeddedBroker ? EmbeddedBrokerBudget.forHeap(Runtime.getRuntime().maxMemory())
                : EmbeddedBrokerBudget.unlimited();
        this.filter = filter;
        this.layout = layout;
        this.window = connection == null ? null : new PublishWindow(connection, this);
        this.queue = new PublishQueue<>("MQTT", queueCapacity, StateUpdate::key, StateUpdate::merge, this::deliver,
                window);
        this.staleTopics = connection == null ? null
                : new StaleTopics(camelContext, connection, layout, homeAssistantSynced, queue::offer);
    }

    /** For the publish route: whether this change goes to MQTT. */
    public boolean accepts(@Header(HomeAssistantConstants.ENTITY_ID) String entityId) {
        return connection != null && filter.matches(entityId);
    }

    /** For the publish route ({@code filter: ref: statestream}): {@link #accepts}, without the method language. */
    @Override
    public boolean matches(Exchange exchange) {
        return accepts(exchange.getMessage().getHeader(HomeAssistantConstants.ENTITY_ID, String.class));
    }

    /** For the publish route: queues the change; never blocks. */
    public void enqueue(@Body HaEvent event) {
        queue.offer(StateUpdate.of(event));
    }

    /**
     * For the mqtt-publish route: what to send for an update. A change sends the state topic and every topic whose
     * payload differs from what the broker holds, and clears the topics the entity no longer has; a removal clears
     * them all; a snapshot sends every topic of every retained state, one entity at a time; a sweep clears the stale
     * topics found on the broker.
     */
    public Iterator<Message> messages(@Body StateUpdate update) {
        if (update.isSweep()) {
            List<Message> clears = staleTopics.clears(this::ownedTopics);
            sweepSize = clears.size();
            return clears.iterator();
        }
        if (update.isSnapshot()) {
            snapshots.increment();
            if (!retained.isEmpty()) {
                LOG.info("Publishing every retained state again ({} entities) to the MQTT broker", retained.size());
            }
            return retained.entrySet().stream()
                    .flatMap(entry -> difference(entry.getKey(), Map.of(), entry.getValue(), true).stream())
                    .iterator();
        }
        return changes(update).iterator();
    }

    /** For the mqtt-publish route: the broker now holds the update. */
    public void published(@Body StateUpdate update) {
        if (update.isSweep()) {
            staleTopics.swept(sweepSize);
            return;
        }
        if (update.isSnapshot()) {
            return;
        }
        countTopics();
        if (update.isRemoval()) {
            retained.remove(update.entityId());
            removalsCleared.increment();
        } else {
            retained.put(update.entityId(), update.compactNewState());
            statesPublished.increment();
        }
    }

    /** For mqtt-errors: failures worth waiting for (the broker is away), as opposed to a refused message. */
    public boolean isOutage(Exchange exchange) {
        Throwable error = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (MqttConnection.isOutage(cause)) {
                return true;
            }
        }
        return false;
    }

    /** For mqtt-errors: a publish waits out an outage only while the bridge leads; else it is the leader's. */
    public boolean publishing() {
        return mayAct.getAsBoolean();
    }

    /** Before each retry of a publish while the broker is away (onRedelivery of mqtt-errors). */
    public void retrying(Exchange exchange) {
        retries.increment();
        LOG.debug("Retrying MQTT topic {}: the broker is not connected", exchange.getVariable("topic"));
    }

    /** For mqtt-errors: the broker refused a message (or it could not be sent at all); it is skipped. */
    public void refused(Exchange exchange) {
        refusedByBroker(exchange.getVariable("topic", String.class),
                exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
    }

    @Override
    public void refusedByBroker(String topic, Throwable error) {
        refused.increment();
        LOG.warn("Skipped MQTT topic {}: {}", topic, error == null ? "unknown" : error.toString());
    }

    @Override
    public void acknowledged(StateUpdate update, int topicChange) {
        this.topicChange = topicChange;
        published(update);
    }

    @Override
    public void resend(StateUpdate update) {
        sendThroughRoute(update);
        if (!update.isMarker() && !mayAct.getAsBoolean()) {
            follow(update); // the bridge stood down on the way: the leader publishes it
        }
    }

    @Override
    protected void doStart() {
        if (connection == null) {
            return;
        }
        template = camelContext.createProducerTemplate();
        thread = camelContext.getExecutorServiceManager().newSingleThreadExecutor(this, "PublishMqtt");
        queue.start(thread);
        staleTopics.start();
        connection.onConnected(() -> {
            queue.offer(StateUpdate.SNAPSHOT);
            staleTopics.connected();
        });
    }

    /** What was still waiting is dropped: the next start publishes every state again. */
    @Override
    protected void doStop() throws Exception {
        if (staleTopics != null) {
            staleTopics.stop();
        }
        List<StateUpdate> left = queue.stop(2_000);
        if (!left.isEmpty()) {
            LOG.info("Stopped publishing to MQTT with {} changes not yet published", left.size());
        }
        if (thread != null) {
            camelContext.getExecutorServiceManager().shutdownNow(thread);
            thread = null;
        }
        if (template != null) {
            template.stop();
            template = null;
        }
    }

    int queueDepth() {
        return queue.depth();
    }

    long coalesced() {
        return queue.coalesced();
    }

    long retainedTopics() {
        return retainedTopics.get();
    }

    int retainedEntities() {
        return retained.size();
    }

    long statesPublished() {
        return statesPublished.sum();
    }

    long removalsCleared() {
        return removalsCleared.sum();
    }

    long snapshots() {
        return snapshots.sum();
    }

    long refused() {
        return refused.sum();
    }

    long retries() {
        return retries.sum();
    }

    long skippedAttributes() {
        return skippedAttributes.sum();
    }

    int entitiesNotPublished() {
        return budget.notPublished();
    }

    long staleTopicsCleared() {
        return staleTopics == null ? 0 : staleTopics.cleared();
    }

    Map<String, Object> describe() {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("connected", connection != null && connection.isConnected());
        description.put("queue_depth", queue.depth());
        description.put("queue_capacity", queue.capacity());
        description.put("coalesced", queue.coalesced());
        description.put("retained_entities", retained.size());
        description.put("retained_topics", retainedTopics.get());
        description.put("states_published", statesPublished.sum());
        description.put("removals_cleared", removalsCleared.sum());
        description.put("snapshots", snapshots.sum());
        description.put("messages_refused", refused.sum());
        description.put("attributes_skipped", skippedAttributes.sum());
        description.put("stale_topics_cleared", staleTopicsCleared());
        description.put("entities_not_published", budget.notPublished());
        return description;
    }

    /** What to send for a change or removal, against what the broker holds. */
    private List<Message> changes(StateUpdate update) {
        CompactState before = retained.get(update.entityId());
        if (before == null && update.isRemoval()) {
            before = update.oldState();
        }
        Map<String, byte[]> old = before == null ? Map.of() : layout.topics(update.entityId(), before, name -> { });
        return difference(update.entityId(), old, update.compactNewState(), false);
    }

    /** The topics of the state after, from its bytes as for the state before: no tree on the way to the broker. */
    private List<Message> difference(String entityId, Map<String, byte[]> old, CompactState after,
            boolean everything) {
        Map<String, byte[]> now = after == null ? Map.of() : layout.topics(entityId, after, this::skipped);
        List<Message> messages = new ArrayList<>(now.size() + 1);
        String stateTopic = layout.stateTopic(entityId);
        now.forEach((topic, payload) -> {
            if (everything || topic.equals(stateTopic) || !Arrays.equals(old.get(topic), payload)) {
                messages.add(new Message(topic, payload));
            }
        });
        old.keySet().stream().filter(topic -> !now.containsKey(topic))
                .forEach(topic -> messages.add(new Message(topic, CLEARED)));
        if (!everything) {
            // topics of a state taken from the event were not the bridge's to count
            topicChange = now.size() - (retained.containsKey(entityId) ? old.size() : 0);
        }
        return messages;
    }

    /** The topics an entity has on the broker: none for one the bridge does not publish. */
    private Set<String> ownedTopics(String entityId) {
        CompactState state = retained.get(entityId);
        return state == null ? Set.of() : layout.topics(entityId, state, name -> { }).keySet();
    }

    private void countTopics() {
        budget.held(retainedTopics.addAndGet(topicChange));
        topicChange = 0;
    }

    private void skipped(String attribute) {
        skippedAttributes.increment();
        if (reportedAttributes.add(attribute)) {
            LOG.warn("Attribute '{}' is not published as a topic of its own: its name is not a usable MQTT topic level "
                    + "or is one of the entity's own topics (state, last_changed, last_updated, attributes)", attribute);
        }
    }

    /**
     * Changes are published ahead through the window, which the queue settles once nothing more waits (within
     * milliseconds); a snapshot or sweep, and a change of an entity whose previous update is still on its way, first
     * wait until the broker acknowledged everything.
     */
    private boolean deliver(StateUpdate update) {
        if (!mayAct.getAsBoolean()) {
            if (window.pending()) {
                window.settleAll();
            }
            if (!update.isMarker()) {
                follow(update);
            }
            return true;
        }
        if (update.isMarker() || window.holds(update.entityId())) {
            window.settleAll();
        }
        if (update.isMarker()) {
            return sendThroughRoute(update);
        }
        if (update.isRemoval()) {
            budget.removed(update.entityId());
        } else if (!retained.containsKey(update.entityId())
                && !budget.admits(update.entityId(), retainedTopics.get())) {
            return true;
        }
        List<Message> messages = changes(update);
        int change = topicChange;
        topicChange = 0;
        window.send(update, messages, change);
        return !Thread.currentThread().isInterrupted();
    }

    /** A standby's bookkeeping of a change: the broker holds it once the leader published it. */
    private void follow(StateUpdate update) {
        changes(update);
        countTopics();
        if (update.isRemoval()) {
            retained.remove(update.entityId());
        } else {
            retained.put(update.entityId(), update.compactNewState());
        }
    }

    private boolean sendThroughRoute(StateUpdate update) {
        Exchange exchange = template.send(ROUTE, e -> e.getMessage().setBody(update));
        Throwable error = exchange.getException();
        if (error == null) {
            return true;
        }
        if (error instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
            return false;
        }
        LOG.warn("Publishing {} to MQTT failed: {}", update.isSnapshot() ? "a snapshot"
                : update.isSweep() ? "the clears of stale topics" : update.entityId(), error.toString());
        return true;
    }
}
