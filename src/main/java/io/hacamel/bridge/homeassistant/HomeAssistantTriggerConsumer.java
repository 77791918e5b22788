package io.hacamel.bridge.homeassistant;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hacamel.bridge.client.HaCommandSubscription;
import io.hacamel.bridge.client.HaException;
import io.hacamel.bridge.client.HaMessages;
import io.hacamel.bridge.support.CoalescingQueue;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One exchange per firing of a trigger Home Assistant evaluates ({@code subscribe_trigger}): the body is the trigger's
 * variables ({@code {"trigger": {...}}}), the headers say which trigger fired and, for a state trigger, about which
 * entity and between which states. The subscription is made again after every reconnect and ended with
 * unsubscribe_events when the consumer stops. The reader only queues a firing; the route runs on the consumer's thread.
 */
public class HomeAssistantTriggerConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(HomeAssistantTriggerConsumer.class);

    private final HomeAssistantEndpoint endpoint;
    private final ObjectNode command;
    private Dispatcher<JsonNode> dispatcher;
    private HaCommandSubscription subscription;

    public HomeAssistantTriggerConsumer(HomeAssistantEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.command = HaMessages.command("subscribe_trigger");
        command.set("trigger", parse(endpoint.getTrigger(), endpoint.getComponent().getMapper()));
    }

    /** The trigger option as Home Assistant takes it: one trigger or a list, each an object with a platform. */
    static JsonNode parse(String trigger, ObjectMapper mapper) {
        if (trigger == null || trigger.isBlank()) {
            throw new IllegalArgumentException("homeassistant:trigger needs the trigger option, e.g. "
                    + "{\"platform\": \"state\", \"entity_id\": \"binary_sensor.front_door\", \"to\": \"on\"}");
        }
        Object loaded;
        try {
            loaded = new Load(LoadSettings.builder().build()).loadFromString(trigger);
        } catch (YamlEngineException e) {
            throw new IllegalArgumentException("homeassistant:trigger: the trigger is no valid YAML or JSON (write "
                    + "it in YAML's flow style, {platform: state, entity_id: light.x, to: 'on'}, or as JSON: Camel "
                    + "joins the lines of an endpoint option, so block-style YAML runs together): " + e.getMessage(), e);
        }
        List<?> triggers = loaded instanceof List<?> list ? list : List.of(loaded == null ? "" : loaded);
        for (Object each : triggers) {
            if (!(each instanceof Map<?, ?> map) || !(map.get("platform") instanceof String)) {
                throw new IllegalArgumentException("homeassistant:trigger: each trigger must be a mapping with a "
                        + "platform, e.g. {platform: state, entity_id: light.x, to: 'on'}, not: " + trigger.strip());
            }
        }
        return mapper.valueToTree(loaded);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // firings have no key: none is merged into another; beyond the capacity they are dropped, and logged
        CoalescingQueue<JsonNode> queue = new CoalescingQueue<>(endpoint.getQueueCapacity(), firing -> null,
                (waiting, newer) -> newer);
        dispatcher = new Dispatcher<>(queue, this::dispatch);
        dispatcher.start(endpoint.getCamelContext(), this, "HomeAssistantTrigger");
        subscription = endpoint.connection().subscribeCommand(command, new HaCommandSubscription.Listener() {
            @Override
            public void onEvent(JsonNode event) {
                if (!queue.offer(event)) {
                    LOG.warn("Trigger queue full ({} waiting): dropped a firing of route {}; raise queueCapacity if "
                            + "this repeats", queue.depth(), getRouteId());
                }
            }

            @Override
            public void onError(HaException error) {
                getExceptionHandler().handleException("Home Assistant did not take the trigger of route "
                        + getRouteId() + " (" + error.getMessage() + "); it is sent again after the next reconnect",
                        error);
            }
        });
    }

    @Override
    protected void doStop() throws Exception {
        if (subscription != null) {
            endpoint.connection().unsubscribeCommand(subscription);
            subscription = null;
        }
        if (dispatcher != null) {
            dispatcher.stop(endpoint.getCamelContext());
            dispatcher = null;
        }
        super.doStop();
    }

    private void dispatch(JsonNode firing) {
        Exchange exchange = createExchange(false);
        try {
            JsonNode variables = firing.path("variables");
            JsonNode trigger = variables.path("trigger");
            Message message = exchange.getMessage();
            message.setBody(variables);
            setText(message, HomeAssistantConstants.TRIGGER_ID, trigger.get("id"));
            JsonNode entityId = trigger.get("entity_id");
            if (entityId != null && entityId.isTextual() && entityId.asText().indexOf('.') > 0) {
                message.setHeader(HomeAssistantConstants.ENTITY_ID, entityId.asText());
                message.setHeader(HomeAssistantConstants.DOMAIN,
                        entityId.asText().substring(0, entityId.asText().indexOf('.')));
            }
            setText(message, HomeAssistantConstants.STATE, trigger.path("to_state").get("state"));
            setText(message, HomeAssistantConstants.OLD_STATE, trigger.path("from_state").get("state"));
            setText(message, HomeAssistantConstants.EVENT_TYPE, trigger.path("event").get("event_type"));
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        if (exchange.getException() != null) {
            getExceptionHandler().handleException("Error processing a trigger's firing in route " + getRouteId(),
                    exchange, exchange.getException());
        }
        releaseExchange(exchange, false);
    }

    private static void setText(Message message, String header, JsonNode value) {
        if (value != null && value.isTextual()) {
            message.setHeader(header, value.asText());
        }
    }
}
