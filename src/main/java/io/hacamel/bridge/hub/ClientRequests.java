package io.hacamel.bridge.hub;

import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hacamel.bridge.hub.HubStats.Rejection;
import io.hacamel.bridge.support.JsonInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a client message ({@code {"type":…,"data":{…},"id":…}}) and answers it; one small handler per type. Until a
 * client is authenticated, only {@code auth} is accepted. A message that cannot be honoured gets an {@code error}
 * naming the field, and the connection goes on.
 */
final class ClientRequests {

    private static final Logger LOG = LoggerFactory.getLogger(ClientRequests.class);
    /** Home Assistant's own rule for entity ids. */
    private static final Pattern ENTITY_ID =
            Pattern.compile("^(?!.+__)(?!_)[\\da-z_]+(?<!_)\\.(?!_)[\\da-z_]+(?<!_)$");
    private static final Pattern DOMAIN = Pattern.compile("^[a-z0-9_]+$");
    private static final Set<String> SUBSCRIPTION_FIELDS = Set.of("entity_ids", "domains", "areas", "all");

    /** A message the hub cannot honour; becomes an error message for the client. */
    private static final class Refused extends Exception {
        private final String code;
        private final String field;

        Refused(String code, String message, String field) {
            super(message, null, false, false);
            this.code = code;
            this.field = field;
        }
    }

    private final ObjectMapper mapper;
    private final WebSocketHub hub;
    private final AreaIndex areas;

    ClientRequests(ObjectMapper mapper, WebSocketHub hub, AreaIndex areas) {
        this.mapper = mapper;
        this.hub = hub;
        this.areas = areas;
    }

    void handle(HubClient client, String text) {
        JsonNode id = null;
        try {
            JsonNode message = parse(text);
            id = message.get("id") != null && message.get("id").isValueNode() ? message.get("id") : null;
            String type = message.path("type").asText();
            JsonNode data = message.path("data");
            if (!data.isMissingNode() && !data.isNull() && !data.isObject()) {
                throw new Refused("invalid_field", "data must be a JSON object", "data");
            }
            if (!client.isAuthenticated()) {
                if (type.equals("auth")) {
                    client.authenticate(data.path("api_key").isTextual() ? data.get("api_key").asText() : null);
                } else {
                    client.unauthorized("the first message must be {\"type\":\"auth\",\"data\":{\"api_key\":…}}");
                }
                return;
            }
            switch (type) {
                case "ping" -> client.send(hub.messages().pong(id));
                case "subscribe" -> subscribe(client, data, id);
                case "unsubscribe" -> unsubscribe(client, data, id);
                case "get_states" -> client.send(hub.messages().states(hub.states(client.subscription()),
                        hub.isStale(), id));
                case "get_areas" -> client.send(hub.messages().areas(areas.areas(), hub.areaMembers(), id));
                case "auth" -> throw new Refused("already_authenticated", "this connection is authenticated", null);
                default -> throw new Refused("unknown_type", "unknown message type '" + type
                        + "': use ping, subscribe, unsubscribe, get_states or get_areas", "type");
            }
        } catch (Refused refused) {
            hub.stats().rejected(Rejection.INVALID);
            LOG.info("Hub client {} from {}: refused a message: {}", client.id(), client.remote(),
                    refused.getMessage());
            client.send(hub.messages().error(refused.code, refused.getMessage(), refused.field, id));
        }
    }

    private JsonNode parse(String text) throws Refused {
        JsonNode message;
        try {
            message = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new Refused("invalid_json", "the message is " + JsonInput.problem(e), null);
        }
        if (message == null || !message.isObject()) {
            throw new Refused("invalid_message", "a message is a JSON object with a type", null);
        }
        if (!message.path("type").isTextual()) {
            throw new Refused("invalid_message", "the message has no type", "type");
        }
        return message;
    }

    private void subscribe(HubClient client, JsonNode data, JsonNode id) throws Refused {
        Subscription more = subscription(data, true);
        if (more.isEmpty()) {
            throw new Refused("invalid_field", "subscribe needs entity_ids, domains, areas or all", null);
        }
        Subscription updated = client.subscription().plus(more);
        int limit = hub.settings().maxSubscriptionSize();
        if (updated.size() > limit) {
            // every change is matched against it and every reply repeats it: its size is bounded
            throw new Refused("subscription_too_large", "a subscription holds at most " + limit + " entity ids, "
                    + "domains and areas; this one would hold " + updated.size() + ": subscribe to domains, areas or "
                    + "all instead", !more.entityIds().isEmpty() ? "entity_ids" : !more.domains().isEmpty()
                    ? "domains" : "areas");
        }
        client.subscription(updated);
        client.send(hub.messages().subscription("subscribed", updated, id));
    }

    private void unsubscribe(HubClient client, JsonNode data, JsonNode id) throws Refused {
        Subscription less = subscription(data, false);
        if (less.isEmpty()) {
            throw new Refused("invalid_field", "unsubscribe needs entity_ids, domains, areas or all", null);
        }
        Subscription updated = client.subscription().minus(less);
        client.subscription(updated);
        client.send(hub.messages().subscription("unsubscribed", updated, id));
    }

    /** Areas are given by id or name; when subscribing, an area Home Assistant does not have is refused. */
    private Subscription subscription(JsonNode data, boolean knownAreasOnly) throws Refused {
        for (Iterator<String> fields = data.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!SUBSCRIPTION_FIELDS.contains(field)) {
                throw new Refused("invalid_field", "unknown field '" + field
                        + "': use entity_ids, domains, areas or all", field);
            }
        }
        JsonNode all = data.path("all");
        if (!all.isMissingNode() && !all.isBoolean()) {
            throw new Refused("invalid_field", "all must be true or false", "all");
        }
        Set<String> areaIds = new TreeSet<>();
        for (String area : strings(data, "areas", null, null)) {
            String areaId = areas.resolve(area);
            if (areaId == null && knownAreasOnly && areas.isLoaded()) {
                throw new Refused("unknown_area", "Home Assistant has no area '" + area + "' (by id or name)", "areas");
            }
            areaIds.add(areaId != null ? areaId : area);
        }
        return new Subscription(strings(data, "entity_ids", ENTITY_ID, "an entity id such as light.kitchen"),
                strings(data, "domains", DOMAIN, "a domain such as light"), Set.copyOf(areaIds), all.asBoolean(false));
    }

    private static Set<String> strings(JsonNode data, String field, Pattern pattern, String expected) throws Refused {
        JsonNode values = data.path(field);
        if (values.isMissingNode()) {
            return Set.of();
        }
        if (!values.isArray()) {
            throw new Refused("invalid_field", field + " must be a list", field);
        }
        Set<String> result = new TreeSet<>();
        for (JsonNode value : values) {
            if (!value.isTextual() || value.asText().isBlank()
                    || pattern != null && !pattern.matcher(value.asText()).matches()) {
                throw new Refused("invalid_field", field + " must hold " + (expected != null ? expected : "names")
                        + ", not " + value, field);
            }
            result.add(value.asText());
        }
        return Set.copyOf(result);
    }
}
