package io.hacamel.bridge.hub;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hacamel.bridge.api.JsonBodies;
import io.hacamel.bridge.hub.HubStats.Disconnect;
import io.hacamel.bridge.hub.HubStats.Rejection;
import io.hacamel.bridge.support.HttpBody;
import io.hacamel.bridge.support.InvalidInputException;
import io.hacamel.bridge.support.JsonInput;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code GET /api/v1/websocket/stats} and {@code POST /api/v1/websocket/broadcast}, answered as the seed has them. */
public final class HubApi {

    private static final Logger LOG = LoggerFactory.getLogger(HubApi.class);
    private static final Pattern TYPE = Pattern.compile("^[a-z][a-z0-9_]{0,63}$");

    private final ObjectMapper mapper;
    private final WebSocketHub hub;
    private final HubStats stats;

    HubApi(ObjectMapper mapper, WebSocketHub hub, HubStats stats) {
        this.mapper = mapper;
        this.hub = hub;
        this.stats = stats;
    }

    public void stats(Exchange exchange) throws IOException {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("connected_clients", hub.authenticatedClients());
        data.put("total_connections", stats.totalConnections());
        data.put("messages_sent", stats.messagesSent());
        data.put("messages_received", stats.messagesReceived());
        data.put("last_activity", stats.lastActivity() == null ? null : stats.lastActivity().toString());
        data.put("awaiting_auth", hub.pendingClients());
        data.put("buffered_messages", hub.bufferedMessages());
        data.put("messages_coalesced", stats.messagesCoalesced());
        Map<String, Long> disconnects = new LinkedHashMap<>();
        for (Disconnect reason : Disconnect.values()) {
            disconnects.put(reason.name().toLowerCase(), stats.disconnects(reason));
        }
        data.put("disconnects", disconnects);
        Map<String, Long> rejected = new LinkedHashMap<>();
        for (Rejection reason : Rejection.values()) {
            rejected.put(reason.name().toLowerCase(), stats.rejections(reason));
        }
        data.put("rejected_messages", rejected);
        respond(exchange, data);
    }

    /** For the status page: counts only, never a client's address. */
    Map<String, Object> overview() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("clients", hub.authenticatedClients());
        data.put("awaiting_auth", hub.pendingClients());
        data.put("total_connections", stats.totalConnections());
        data.put("messages_sent", stats.messagesSent());
        data.put("buffered_messages", hub.bufferedMessages());
        data.put("dropped_slow", stats.disconnects(Disconnect.BUFFER_FULL) + stats.disconnects(Disconnect.WRITE_TIMEOUT));
        data.put("refused_unauthorized", stats.disconnects(Disconnect.UNAUTHORIZED));
        return data;
    }

    /** Body: {@code {"type":"custom_notification","data":{…}}}; the type must not be one the hub sends itself. */
    public void broadcast(Exchange exchange) throws IOException {
        JsonBodies.require(exchange, "the message");
        JsonNode body;
        try {
            String text = exchange.getMessage().getBody(String.class);
            body = text == null || text.isBlank() ? null : mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw refused("body", "the body is " + JsonInput.problem(e));
        }
        if (body == null || !body.isObject()) {
            throw refused("body", "the body must be a JSON object {\"type\":…,\"data\":{…}}");
        }
        JsonNode type = body.path("type");
        if (!type.isTextual() || !TYPE.matcher(type.asText()).matches()) {
            throw refused("type", "type must be lower-case letters, digits and _, starting with a "
                    + "letter, at most 64 characters, e.g. custom_notification");
        }
        if (HubMessages.RESERVED.contains(type.asText())) {
            throw refused("type", "type " + type.asText() + " is the hub's own; choose another");
        }
        JsonNode data = body.path("data");
        if (data.isMissingNode() || data.isNull()) {
            data = mapper.createObjectNode();
        } else if (!data.isObject()) {
            throw refused("data", "data must be a JSON object");
        }
        int clients = hub.broadcast(type.asText(), data);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("message", "Message broadcasted successfully");
        answer.put("clients_count", clients);
        answer.put("message_type", type.asText());
        respond(exchange, answer);
    }

    private static InvalidInputException refused(String field, String message) {
        LOG.info("Refused a broadcast: {}", message);
        return new InvalidInputException(field, message);
    }

    private void respond(Exchange exchange, Map<String, Object> data) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("data", data);
        body.put("timestamp", Instant.now().toString());
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(HttpBody.of(mapper.writeValueAsBytes(body)));
    }
}
