package io.hacamel.bridge.homeassistant;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import io.hacamel.bridge.client.HaConnection;
import io.hacamel.bridge.client.HaSubscription;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.MultipleConsumersSupport;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Home Assistant's events and commands over one WebSocket session shared by all endpoints of the component.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "homeassistant", title = "Home Assistant",
             syntax = "homeassistant:operation", category = { Category.IOT }, headersClass = HomeAssistantConstants.class)
public class HomeAssistantEndpoint extends DefaultEndpoint implements MultipleConsumersSupport {

    @UriPath(enums = "events,trigger,call-service,get-state,get-states,get-services,get-config,fire-event,"
                     + "render-template,command",
             description = "What to do: consume events or a trigger's firings, or send one kind of command")
    @Metadata(required = true)
    private final HomeAssistantOperation operation;
    @UriParam(label = "consumer", defaultValue = "state_changed",
              description = "Comma-separated event types to subscribe to, or an asterisk for every event. "
                            + "Consumers of one component share one Home Assistant subscription per event type")
    private String types = "state_changed";
    @UriParam(label = "consumer", description = "Comma-separated entity ids (light.kitchen) or globs, in which an "
                                                + "asterisk stands for any characters and a question mark for one: "
                                                + "only events of these entities. Events without an entity "
                                                + "(bridge_synced, service_registered, ...) always pass")
    private String entities;
    @UriParam(label = "consumer", description = "Comma-separated domains (light,binary_sensor): only events of "
                                                + "entities in these domains. Events without an entity always pass")
    private String domains;
    @UriParam(label = "consumer", defaultValue = "false",
              description = "Only state changes whose state differs (on to off, an entity added or removed); "
                            + "changes of attributes alone are skipped")
    private boolean stateChangesOnly;
    @UriParam(label = "consumer", defaultValue = "false",
              description = "The current state of every matching entity (as state_changed events marked resync, "
                            + "without an old state) and then a bridge_synced event when the consumer starts and again "
                            + "after every reconnect, as Node-RED's output on connect; an entity that changed while "
                            + "the session was away comes with its old state, a removed one as a removal. Without it "
                            + "(nor seedStates) the consumer gets the changes from its start on, and after a "
                            + "reconnect what changed meanwhile (marked resync) and a bridge_synced event")
    private boolean initialStates;
    @UriParam(label = "consumer", defaultValue = "false",
              description = "For routes that keep a copy of the states (a cache, retained MQTT topics): the current "
                            + "state of every matching entity once when the consumer starts, as initialStates does, "
                            + "but after a reconnect only what changed meanwhile (changes, additions and removals, "
                            + "marked resync) and a bridge_synced event, so that a reconnect does not send every "
                            + "state again. initialStates wins when both are set")
    private boolean seedStates;
    @UriParam(label = "consumer",
              description = "trigger: the trigger Home Assistant evaluates, as in an automation, in YAML's flow "
                            + "style or as JSON: one trigger, e.g. {platform: state, entity_id: light.x, to: 'on', "
                            + "for: '00:05:00'}, or a list of them. Made again after every reconnect (a for: period "
                            + "then starts again)")
    private String trigger;
    @UriParam(label = "consumer", defaultValue = "10000",
              description = "Events that may wait in order for the route; beyond it they coalesce per entity (a "
                            + "trigger's firings beyond it are dropped, and logged)")
    private int queueCapacity = 10_000;
    @UriParam(label = "producer",
              description = "How long to wait for the result; by default the component's requestTimeout")
    private Duration timeout;
    @UriParam(label = "producer", description = "get-state: the entity to read, e.g. light.kitchen; without it, the "
                                                + "CamelHomeAssistantEntityId header")
    private String entityId;
    @UriParam(label = "producer", description = "fire-event: the type of event to fire, e.g. my_doorbell; without it, "
                                                + "the CamelHomeAssistantEventType header")
    private String eventType;
    @UriParam(label = "producer,advanced", defaultValue = "false",
              description = "Wait for the result on the calling thread, so that the route goes on only after it. By "
                            + "default the route goes on asynchronously, and a consumer such as seda may then take its "
                            + "next message before this one is done")
    private boolean synchronous;

    public HomeAssistantEndpoint(String uri, HomeAssistantComponent component, HomeAssistantOperation operation) {
        super(uri, component);
        this.operation = operation;
    }

    @Override
    public HomeAssistantComponent getComponent() {
        return (HomeAssistantComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        if (operation.isConsumer()) {
            throw new IllegalArgumentException("homeassistant:" + operation.path() + " is a consumer; send commands "
                    + "with homeassistant:call-service, get-state, get-states, get-services, get-config, fire-event, "
                    + "render-template or command");
        }
        return new HomeAssistantProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        DefaultConsumer consumer = switch (operation) {
            case EVENTS -> new HomeAssistantConsumer(this, processor);
            case TRIGGER -> new HomeAssistantTriggerConsumer(this, processor);
            default -> throw new IllegalArgumentException("only homeassistant:events and homeassistant:trigger can be "
                    + "consumed from, not " + operation.path());
        };
        configureConsumer(consumer);
        return consumer;
    }

    /** Routes of the same URI each get every event: the consumers share the subscription, not the events. */
    @Override
    public boolean isMultipleConsumersSupported() {
        return true;
    }

    HaConnection connection() {
        return getComponent().getConnection();
    }

    /** What a consumer of state changes is told at its start and after each reconnect. */
    HaSubscription.Seeding seeding() {
        return initialStates ? HaSubscription.Seeding.STATES_AT_EVERY_SYNC
                : seedStates ? HaSubscription.Seeding.STATES_AT_START : HaSubscription.Seeding.CHANGES;
    }

    /** The event types, with null standing for every event. */
    List<String> eventTypes() {
        return Arrays.stream(types.split(",")).map(String::trim).filter(type -> !type.isEmpty())
                .map(type -> type.equals("*") ? null : type).distinct().toList();
    }

    public HomeAssistantOperation getOperation() {
        return operation;
    }

    public String getTypes() {
        return types;
    }

    public void setTypes(String types) {
        this.types = types;
    }

    public int getQueueCapacity() {
        return queueCapacity;
    }

    public void setQueueCapacity(int queueCapacity) {
        this.queueCapacity = queueCapacity;
    }

    public boolean isSynchronous() {
        return synchronous;
    }

    public void setSynchronous(boolean synchronous) {
        this.synchronous = synchronous;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    public String getEntities() {
        return entities;
    }

    public void setEntities(String entities) {
        this.entities = entities;
    }

    public String getDomains() {
        return domains;
    }

    public void setDomains(String domains) {
        this.domains = domains;
    }

    public boolean isStateChangesOnly() {
        return stateChangesOnly;
    }

    public void setStateChangesOnly(boolean stateChangesOnly) {
        this.stateChangesOnly = stateChangesOnly;
    }

    public boolean isInitialStates() {
        return initialStates;
    }

    public void setInitialStates(boolean initialStates) {
        this.initialStates = initialStates;
    }

    public boolean isSeedStates() {
        return seedStates;
    }

    public void setSeedStates(boolean seedStates) {
        this.seedStates = seedStates;
    }

    public String getTrigger() {
        return trigger;
    }

    public void setTrigger(String trigger) {
        this.trigger = trigger;
    }

    public String getEntityId() {
        return entityId;
    }

    public void setEntityId(String entityId) {
        this.entityId = entityId;
    }

    public String getEventType() {
        return eventType;
    }

    public void setEventType(String eventType) {
        this.eventType = eventType;
    }
}
