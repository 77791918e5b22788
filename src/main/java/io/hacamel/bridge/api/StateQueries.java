package io.hacamel.bridge.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hacamel.bridge.client.CompactState;
import io.hacamel.bridge.events.EntityFilter;
import io.hacamel.bridge.support.HttpBody;
import io.hacamel.bridge.support.InvalidInputException;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Message;
import org.apache.camel.component.caffeine.CaffeineConstants;

/**
 * The steps of the state routes that need code: checking what the caller asked for, picking the states of a group,
 * reading Home Assistant's REST answer, and writing the JSON the API returns. Entity ids are checked before anything
 * reaches Home Assistant.
 */
public final class StateQueries {

    public static final Pattern ENTITY_ID = Pattern.compile("^[a-z0-9_]+\\.[a-z0-9_]+$");
    public static final Pattern DOMAIN = Pattern.compile("^[a-z0-9_]+$");
    /** Entities Home Assistant said it does not have, kept for cache.not-found-ttl. */
    public static final String NOT_FOUND_CACHE = "ha-states-not-found";
    static final String SOURCE_CACHE = "cache";
    static final String SOURCE_HOME_ASSISTANT = "home_assistant";
    private static final String SOURCE = "bridge.stateSource";
    private static final List<String> CACHE_HEADERS = List.of(CaffeineConstants.ACTION,
            CaffeineConstants.ACTION_HAS_RESULT, CaffeineConstants.ACTION_SUCCEEDED, CaffeineConstants.KEY,
            CaffeineConstants.KEYS, CaffeineConstants.VALUE, CaffeineConstants.OLD_VALUE);
    private static final Comparator<CompactState> BY_ENTITY_ID = Comparator.comparing(CompactState::entityId);

    private final ObjectMapper mapper;
    private final EntityFilter filter;
    private final SessionStatus session;
    private final StateJson json;
    private final LongAdder staleReads = new LongAdder();

    public StateQueries(ObjectMapper mapper, EntityFilter filter, SessionStatus session) {
        this.mapper = mapper;
        this.filter = filter;
        this.session = session;
        this.json = new StateJson();
    }

    /** 400 for a malformed id, 404 for an entity the filters exclude; otherwise the id becomes the cache key. */
    public void checkEntityId(Exchange exchange) {
        String entityId = exchange.getMessage().getHeader("entity_id", String.class);
        if (entityId == null || !ENTITY_ID.matcher(entityId).matches()) {
            throw new InvalidInputException("entity_id", "entity_id must look like domain.object_id (lower-case "
                    + "letters, digits and _), e.g. light.kitchen");
        }
        if (!filter.matches(entityId)) {
            throw new ApiException(404, entityId + " is excluded by the bridge's entity filters "
                    + "(filter.include, filter.exclude-domains)");
        }
        exchange.getMessage().setHeader(CaffeineConstants.KEY, entityId);
    }

    /** The group a list request is for: {@code all}, or {@code domain:<domain>} for {@code ?domain=}. */
    public void groupKey(Exchange exchange) {
        String domain = exchange.getMessage().getHeader("domain", String.class);
        if (domain != null && !DOMAIN.matcher(domain).matches()) {
            throw new InvalidInputException("domain", "domain must be lower-case letters, digits and _, e.g. light");
        }
        exchange.getMessage().setHeader(CaffeineConstants.KEY, domain == null ? "all" : "domain:" + domain);
    }

    /** Body: the cached state. */
    public void cachedState(Exchange exchange) {
        respond(exchange, json.one(exchange.getMessage().getBody(CompactState.class), SOURCE_CACHE,
                isStale(), session.ageSeconds()));
    }

    /**
     * Body: a state just fetched from Home Assistant, or the news that it has no such entity (then 404). The cache
     * has already kept either.
     */
    public void freshState(Exchange exchange) {
        Object fetched = exchange.getMessage().getBody();
        if (fetched instanceof MissingEntity missing) {
            notFound(missing.entityId());
        }
        respond(exchange, json.one((CompactState) fetched, SOURCE_HOME_ASSISTANT, isStale(), session.ageSeconds()));
    }

    /** 404 for an entity Home Assistant said it does not have (the cache key is the entity id). */
    public void notFound(@Header(CaffeineConstants.KEY) String entityId) {
        throw new ApiException(404, "Home Assistant has no entity " + entityId);
    }

    /**
     * Reads Home Assistant's answer to {@code GET /api/states/<id>}: the body becomes the state or, for a 404, a
     * {@link MissingEntity}, which is kept in the cache {@code ha-states-not-found} instead (exchange variable
     * {@code cacheName}).
     */
    public void restAnswer(Exchange exchange) throws IOException {
        Message message = exchange.getMessage();
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String entityId = exchange.getVariable("entityId", String.class);
        InputStream body = message.getBody(InputStream.class);
        message.removeHeaders("*");
        if (status == 404) {
            exchange.setVariable(StateCacheStatus.CACHE_NAME, NOT_FOUND_CACHE);
            message.setBody(new MissingEntity(entityId));
            return;
        }
        if (status == 401 || status == 403) {
            throw new ApiException(502, "Home Assistant rejected the bridge's access token (HTTP " + status + ")");
        }
        if (status != 200 || body == null) {
            throw new ApiException(502, "Home Assistant answered HTTP " + status + " for " + entityId);
        }
        CompactState state = CompactState.of(mapper.readTree(body));
        if (state == null || !entityId.equals(state.entityId())) {
            throw new ApiException(502, "Home Assistant answered something other than the state of " + entityId);
        }
        message.setBody(state);
    }

    /** Body: the cached group, a list of states. */
    public void cachedGroup(Exchange exchange) {
        exchange.setProperty(SOURCE, SOURCE_CACHE);
        listResponse(exchange);
    }

    /** Body: the state cache as a map (AS_MAP); picks the group's states, sorted by entity id. */
    public void groupFromCache(Exchange exchange) {
        @SuppressWarnings("unchecked")
        Map<String, CompactState> cache = exchange.getMessage().getBody(Map.class);
        exchange.getMessage().setBody(select(exchange, cache.values()));
        exchange.setProperty(SOURCE, SOURCE_CACHE);
    }

    /** Body: every state from Home Assistant's get_states; picks the tracked states of the group. */
    public void groupFromHomeAssistant(Exchange exchange) {
        JsonNode states = exchange.getMessage().getBody(JsonNode.class);
        List<CompactState> all = new ArrayList<>(states.size());
        states.forEach(state -> all.add(CompactState.of(state)));
        exchange.getMessage().setBody(select(exchange, all));
        exchange.setProperty(SOURCE, SOURCE_HOME_ASSISTANT);
    }

    /** Body: a list of states. */
    public void listResponse(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<CompactState> states = exchange.getMessage().getBody(List.class);
        String source = exchange.getProperty(SOURCE, SOURCE_CACHE, String.class);
        respond(exchange, json.many(states, source, isStale(), session.ageSeconds()));
    }

    /** Answers that served states flagged stale, because the session to Home Assistant was down. */
    public long staleReads() {
        return staleReads.sum();
    }

    private boolean isStale() {
        boolean stale = session.isStale();
        if (stale) {
            staleReads.increment();
        }
        return stale;
    }

    /** Body: any JSON answer from Home Assistant, e.g. its services. */
    public void jsonResponse(Exchange exchange) throws IOException {
        respond(exchange, mapper.writeValueAsBytes(exchange.getMessage().getBody(JsonNode.class)));
    }

    /** What Home Assistant answered for an entity it does not have. */
    record MissingEntity(String entityId) {
    }

    private List<CompactState> select(Exchange exchange, Iterable<CompactState> states) {
        String key = exchange.getMessage().getHeader(CaffeineConstants.KEY, String.class);
        String prefix = key.startsWith("domain:") ? key.substring("domain:".length()) + "." : "";
        List<CompactState> selected = new ArrayList<>();
        for (CompactState state : states) {
            String entityId = state == null ? null : state.entityId();
            if (entityId != null && entityId.startsWith(prefix) && filter.matches(entityId)) {
                selected.add(state);
            }
        }
        selected.sort(BY_ENTITY_ID);
        return List.copyOf(selected);
    }

    private static void respond(Exchange exchange, byte[] body) {
        Message message = exchange.getMessage();
        // by name: a pattern compiles a regular expression for every other header (a fifth of a read's worker time)
        CACHE_HEADERS.forEach(message::removeHeader);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(HttpBody.of(body));
    }
}
