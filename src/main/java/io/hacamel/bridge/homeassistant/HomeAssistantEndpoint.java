package io.hacamel.bridge.homeassistant;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import io.hacamel.bridge.client.HaConnection;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.MultipleConsumersSupport;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Home Assistant's events and commands over one WebSocket session shared by all endpoints of the component.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "homeassistant", title = "Home Assistant",
             syntax = "homeassistant:operation", category = { Category.IOT }, headersClass = HomeAssistantConstants.class)
public class HomeAssistantEndpoint extends DefaultEndpoint implements MultipleConsumersSupport {

    @UriPath(enums = "events,call-service,get-states,get-services,get-config,command",
             description = "What to do: consume events, or send one kind of command")
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
              description = "When the consumer starts, the current state of every matching entity once (as "
                            + "state_changed events marked resync, without an old state) and then a bridge_synced "
                            + "event, as Node-RED's output on connect; once the session is in sync if it is not yet. "
                            + "Without it the consumer gets the changes from its start on. Either way, after a "
                            + "reconnect it gets what changed meanwhile (marked resync) and a bridge_synced event")
    private boolean initialStates;
    @UriParam(label = "consumer", defaultValue = "10000",
              description = "Events that may wait in order for the route; beyond it they coalesce per entity")
    private int queueCapacity = 10_000;
    @UriParam(label = "producer",
              description = "How long to wait for the result; by default the component's requestTimeout")
    private Duration timeout;
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
        if (operation == HomeAssistantOperation.EVENTS) {
            throw new IllegalArgumentException("homeassistant:events is a consumer; send commands with "
                    + "homeassistant:call-service, get-states, get-services, get-config or command");
        }
        return new HomeAssistantProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (operation != HomeAssistantOperation.EVENTS) {
            throw new IllegalArgumentException("only homeassistant:events can be consumed from, not " + operation.path());
        }
        HomeAssistantConsumer consumer = new HomeAssistantConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    /** Routes of the same event URI each get every event: the consumers share the subscription, not the events. */
    @Override
    public boolean isMultipleConsumersSupported() {
        return true;
    }

    HaConnection connection() {
        return getComponent().getConnection();
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
}
