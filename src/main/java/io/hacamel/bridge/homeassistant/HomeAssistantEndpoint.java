package io.hacamel.bridge.homeassistant;

import java.util.Arrays;
import java.util.List;

import io.hacamel.bridge.client.HaConnection;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * {@code homeassistant:events?types=state_changed,service_registered} consumes Home Assistant's event stream;
 * {@code homeassistant:call-service}, {@code get-states}, {@code get-services}, {@code get-config} and
 * {@code command} send commands over the component's session.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "homeassistant", title = "Home Assistant",
             syntax = "homeassistant:operation", category = { Category.IOT }, headersClass = HomeAssistantConstants.class)
public class HomeAssistantEndpoint extends DefaultEndpoint {

    @UriPath(enums = "events,call-service,get-states,get-services,get-config,command",
             description = "What to do: consume events, or send one kind of command")
    @Metadata(required = true)
    private final HomeAssistantOperation operation;
    @UriParam(label = "consumer", defaultValue = "state_changed",
              description = "Comma-separated event types to subscribe to; * subscribes to every event")
    private String types = "state_changed";
    @UriParam(label = "consumer", defaultValue = "10000",
              description = "Events that may wait in order for the route; beyond it they coalesce per entity")
    private int queueCapacity = 10_000;
    @UriParam(label = "producer", description = "Milliseconds to wait for the result; 0 = the component's default")
    private long timeout;
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

    public long getTimeout() {
        return timeout;
    }

    public void setTimeout(long timeout) {
        this.timeout = timeout;
    }
}
