package io.hacamel.bridge.commands;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hacamel.bridge.homeassistant.HomeAssistantConstants;
import io.hacamel.bridge.mqtt.MqttConnection;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Service calls from MQTT. A message on {@code <base>/command/<domain>/<service>} (the JSON body of
 * {@code direct:call-service}) is handed to route {@code mqtt-command}, which runs the calls one at a time in the
 * order they came, and the answer is published to the same topic plus {@code /result} (not retained), with the MQTT 5
 * correlation data of the request. Retained messages are not run: a retained toggle would run again on every
 * reconnect. Who may publish commands is the broker's business (its ACLs). In a pair, {@link CommandAdmission} says
 * whether a command may run: on the leader only, and once per correlation id across a failover.
 */
public final class MqttCommands implements IMqttMessageListener {

    static final String ROUTE_ENDPOINT = "seda:mqtt-command";
    static final String RESULT_TOPIC = "mqttResultTopic";
    static final String CORRELATION = "mqttCorrelationData";
    private static final Logger LOG = LoggerFactory.getLogger(MqttCommands.class);

    private final MqttConnection connection;
    private final String commandPrefix;
    private final int qos;
    private final CamelContext context;
    private final ProducerTemplate template;
    private final ObjectMapper json;
    private final CommandAdmission admission;
    private final LongAdder received = new LongAdder();
    private final Map<String, LongAdder> ignored = new LinkedHashMap<>();

    MqttCommands(MqttConnection connection, String baseTopic, int qos, CamelContext context, ObjectMapper json,
            MeterRegistry meters, CommandAdmission admission) {
        this.connection = connection;
        this.json = json;
        this.admission = admission;
        this.commandPrefix = baseTopic + "/command/";
        this.qos = qos;
        this.context = context;
        this.template = context.createProducerTemplate();
        FunctionCounter.builder("habridge.mqtt.commands.received", received, LongAdder::sum)
                .description("Messages on the MQTT command topics").register(meters);
        for (String reason : new String[] {"retained", "queue_full", "not_leader", "duplicate"}) {
            LongAdder count = new LongAdder();
            ignored.put(reason, count);
            FunctionCounter.builder("habridge.mqtt.commands.ignored", count, LongAdder::sum).tag("reason", reason)
                    .description("Command messages not run: retained ones, more than the queue holds, and in a pair "
                            + "those that reached a bridge no longer leading or repeated a correlation id already run")
                    .register(meters);
        }
        connection.onConnected(this::subscribe);
    }

    /** After every connect (clean start: the broker forgot the subscription). */
    private void subscribe() {
        try {
            // the array form: Paho 1.2.5's subscribe(String, int, listener) calls itself forever
            MqttSubscription commands = new MqttSubscription(commandPrefix + "+/+", qos);
            commands.setRetainAsPublished(true); // to tell a retained command from a live one
            connection.client().subscribe(new MqttSubscription[] {commands}, new IMqttMessageListener[] {this});
            LOG.info("Service calls are taken from MQTT topics {}+/+ (answers on .../result)", commandPrefix);
        } catch (MqttException e) {
            LOG.error("Could not subscribe to the MQTT command topics {}+/+: {}", commandPrefix, e.toString());
        }
    }

    /** On Paho's thread: only hands the command on; never waits for it. */
    @Override
    public void messageArrived(String topic, MqttMessage message) {
        received.increment();
        String[] call = topic.substring(commandPrefix.length()).split("/", 2);
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setHeader(HomeAssistantConstants.DOMAIN, call[0]);
        exchange.getMessage().setHeader(HomeAssistantConstants.SERVICE, call[1]);
        exchange.getMessage().setBody(message.getPayload());
        exchange.setVariable(RESULT_TOPIC, topic + "/result");
        MqttProperties properties = message.getProperties();
        exchange.setVariable(CORRELATION, properties == null ? null : properties.getCorrelationData());
        if (message.isRetained()) {
            refuse(exchange, "retained", 400, "retained command messages are not run (a retained command would run "
                    + "again on every reconnect): publish commands without the retain flag");
            return;
        }
        template.send(ROUTE_ENDPOINT, exchange); // only queues it (seda, in-only)
        if (exchange.getException() != null) {
            refuse(exchange, "queue_full", 503, "too many MQTT commands are waiting; this one was not run");
        }
    }

    /**
     * For route mqtt-command: runs the call and waits, so that calls run one at a time in the order they came. The call
     * gets an exchange of its own: a refusal that call-service answers (its error handling) must not end this route.
     */
    public void execute(Exchange exchange) {
        Message command = exchange.getMessage();
        String correlationId = correlationId(command.getBody(byte[].class), exchange.getVariable(CORRELATION,
                byte[].class));
        CommandAdmission.Refusal refusal = admission.admit(correlationId);
        if (refusal != null) {
            notRun(exchange, refusal, correlationId);
            return;
        }
        Exchange call = template.send("direct:call-service", request -> {
            request.getMessage().setHeaders(command.getHeaders());
            request.getMessage().setBody(command.getBody());
        });
        command.setHeaders(call.getMessage().getHeaders());
        command.setBody(call.getMessage().getBody());
    }

    /** For route mqtt-command: the answer of direct:call-service, with its HTTP status, goes to the result topic. */
    public void answer(Exchange exchange) throws IOException {
        ObjectNode answer = (ObjectNode) json.readTree(exchange.getMessage().getBody(byte[].class));
        answer.put("status", exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class));
        publish(exchange.getVariable(RESULT_TOPIC, String.class), json.writeValueAsBytes(answer),
                exchange.getVariable(CORRELATION, byte[].class));
    }

    /** Answers a command its pair must not run (here, or again) as direct:call-service answers one it refused. */
    private void notRun(Exchange exchange, CommandAdmission.Refusal refusal, String correlationId) {
        String reason = refusal.outcome().equals("duplicate") ? "duplicate" : "not_leader";
        ignored.get(reason).increment();
        String topic = exchange.getVariable(RESULT_TOPIC, String.class);
        LOG.warn("MQTT command on {} not run: {}", topic.substring(0, topic.length() - "/result".length()),
                refusal.error());
        ObjectNode answer = json.createObjectNode().put("success", false).put("outcome", refusal.outcome())
                .put("error", refusal.error());
        if (correlationId != null) {
            answer.put("correlation_id", correlationId);
        }
        answer.put("timestamp", Instant.now().toString());
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, refusal.status());
        try {
            message.setBody(json.writeValueAsBytes(answer));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The command's correlation_id as text, else its MQTT 5 correlation data (Base64); null when it has neither. */
    private String correlationId(byte[] body, byte[] correlationData) {
        if (body != null) {
            try {
                JsonNode id = json.readTree(body).path("correlation_id");
                if (id.isTextual() || id.isNumber()) {
                    return id.asText();
                }
            } catch (IOException | RuntimeException e) {
                // not JSON: direct:call-service answers it as bad input
            }
        }
        return correlationData == null ? null : Base64.getEncoder().encodeToString(correlationData);
    }

    private void refuse(Exchange exchange, String reason, int status, String error) {
        ignored.get(reason).increment();
        String topic = exchange.getVariable(RESULT_TOPIC, String.class);
        LOG.warn("MQTT command on {} not run: {}", topic.substring(0, topic.length() - "/result".length()), error);
        ObjectNode answer = json.createObjectNode().put("success", false).put("status", status)
                .put("outcome", "rejected").put("error", error);
        MqttMessage message;
        try {
            message = message(json.writeValueAsBytes(answer), exchange.getVariable(CORRELATION, byte[].class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            // on Paho's callback thread: waiting for the broker here would hold up every message after this one
            connection.publishWithoutWaiting(topic, message);
        } catch (MqttException e) {
            LOG.warn("Could not publish the answer to {}: {}", topic, e.toString());
        }
    }

    private void publish(String topic, byte[] answer, byte[] correlation) {
        try {
            connection.client().publish(topic, message(answer, correlation));
        } catch (MqttException e) {
            LOG.warn("Could not publish the answer to {}: {}", topic, e.toString());
        }
    }

    private MqttMessage message(byte[] answer, byte[] correlation) {
        MqttMessage message = new MqttMessage(answer, qos, false, null);
        if (correlation != null) {
            MqttProperties properties = new MqttProperties();
            properties.setCorrelationData(correlation);
            message.setProperties(properties);
        }
        return message;
    }
}
