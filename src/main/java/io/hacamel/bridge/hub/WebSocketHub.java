package io.hacamel.bridge.hub;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hacamel.bridge.api.KeyFailures;
import io.hacamel.bridge.api.SessionStatus;
import io.hacamel.bridge.client.CompactState;
import io.hacamel.bridge.client.ConnectionListener;
import io.hacamel.bridge.client.ConnectionState;
import io.hacamel.bridge.client.HaEvent;
import io.hacamel.bridge.hub.HubStats.Disconnect;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.Body;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client WebSocket hub at {@code /ws}, on the HTTP API's own server and port: a handler on platform-http's
 * Vert.x router upgrades each request and hands the socket to a {@link HubClient}. Fed by route hub-state-changed
 * (tracked state changes), the session's state changes (system_status) and the area index; every client gets what
 * it subscribed to, through its own bounded send buffer, so nobody here ever waits for a client.
 */
public final class WebSocketHub extends ServiceSupport implements ConnectionListener {

    static final String PATH = "/ws";
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketHub.class);

    private final CamelContext camelContext;
    private final Vertx vertx;
    private final HubSettings settings;
    private final HubKeys keys;
    private final HubMessages messages;
    private final AreaIndex areas;
    private final HubStats stats;
    private final SessionStatus session;
    private final ClientRequests requests;
    private final KeyFailures keyFailures;
    private final Map<String, HubClient> clients = new ConcurrentHashMap<>();
    private final ClientPlaces places;
    /** The latest state of every tracked entity, as the feed delivered it, whatever the cache mode. */
    private final Map<String, CompactState> states = new ConcurrentHashMap<>();
    private volatile String sessionReason = "not connected yet";
    private Route route;
    private long heartbeatTimer = -1;

    WebSocketHub(CamelContext camelContext, Vertx vertx, HubSettings settings, HubKeys keys, KeyFailures keyFailures,
            ObjectMapper mapper, AreaIndex areas, HubStats stats, SessionStatus session) {
        this.camelContext = camelContext;
        this.vertx = vertx;
        this.settings = settings;
        this.keys = keys;
        this.keyFailures = keyFailures;
        this.messages = new HubMessages(mapper);
        this.areas = areas;
        this.stats = stats;
        this.session = session;
        this.requests = new ClientRequests(mapper, this, areas);
        this.places = new ClientPlaces(settings, stats, clients);
    }

    @Override
    protected void doStart() {
        String routerName = VertxPlatformHttpRouter.getRouterNameFromPort(settings.port());
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(camelContext, routerName);
        if (router == null) {
            throw new IllegalStateException("the WebSocket hub needs the HTTP server (camel.server.enabled=true)");
        }
        route = router.route(HttpMethod.GET, PATH).handler(this::accept);
        heartbeatTimer = vertx.setPeriodic(settings.heartbeatIntervalMillis(), t -> heartbeat());
        LOG.info("Client WebSocket hub at ws://<host>:{}{} ({})", settings.port(), PATH, keys.required()
                ? "clients must present a key" : "no key asked for");
    }

    @Override
    protected void doStop() {
        if (route != null) {
            route.remove();
            route = null;
        }
        vertx.cancelTimer(heartbeatTimer);
        clients.values().forEach(client -> client.disconnect(1001, "the bridge is stopping", null,
                Disconnect.STOPPING));
    }

    // ---- the feed --------------------------------------------------------------------------------------------

    /** For route hub-state-changed: a tracked entity changed (or was added, removed, or found by a resync). */
    public void stateChanged(@Body HaEvent event) {
        String entityId = event.entityId();
        if (event.compactNewState() == null) {
            states.remove(entityId);
        } else {
            states.put(entityId, event.compactNewState());
        }
        if (clients.isEmpty()) {
            return;
        }
        String areaId = areas.areaOf(entityId);
        String message = null;
        for (HubClient client : clients.values()) {
            if (client.isAuthenticated() && client.subscription().matches(entityId, event.domain(), areaId)) {
                message = message != null ? message : messages.stateChanged(event, areaId);
                client.sendChange(event, areaId, message);
            }
        }
    }

    /** The Home Assistant session changed state: every client hears of it. */
    @Override
    public void onStateChanged(ConnectionState previous, ConnectionState current, String reason) {
        sessionReason = reason;
        toEveryClient(messages.systemStatus(current, reason));
    }

    /** Entities joined or left areas: clients subscribed to such an area hear of it, with the entity's state. */
    void areaMembershipChanged(List<AreaIndex.Move> moves) {
        for (AreaIndex.Move move : moves) {
            CompactState compact = states.get(move.entityId());
            if (compact == null) {
                continue; // not tracked, or its first state is still to come (and will carry its area)
            }
            JsonNode state = compact.tree();
            String message = null;
            for (HubClient client : clients.values()) {
                Subscription subscription = client.subscription();
                if (client.isAuthenticated() && (subscription.includesArea(move.oldAreaId())
                        || subscription.includesArea(move.newAreaId()))) {
                    message = message != null ? message : messages.membershipChanged(move, state);
                    client.send(message);
                }
            }
        }
    }

    /** A message of the caller's own type for every authenticated client; returns how many it was queued for. */
    int broadcast(String type, JsonNode data) {
        stats.broadcast();
        int queued = toEveryClient(messages.broadcast(type, data));
        LOG.info("Broadcast a {} message to {} hub clients", type, queued);
        return queued;
    }

    // ---- connections -----------------------------------------------------------------------------------------

    private void accept(RoutingContext routing) {
        HttpServerRequest request = routing.request();
        if (!"websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE))) {
            refuse(routing, 400, "/ws is a WebSocket endpoint: connect with a WebSocket client");
            return;
        }
        String key = presentedKey(request);
        request.toWebSocket()
                .onSuccess(socket -> open(socket, key))
                .onFailure(error -> LOG.debug("Hub: WebSocket upgrade from {} failed: {}", request.remoteAddress(),
                        error.toString()));
    }

    private void open(ServerWebSocket socket, String key) {
        stats.connected();
        HubClient client = new HubClient(this, socket, Vertx.currentContext());
        // a wrong key is refused from a place among the keyless ones: only a right key ever holds a keyed place
        if (places.admit(client, !keys.required() || keys.accepts(key), socket)) {
            client.start(key);
        }
    }

    /** A waiting client presented a right key: false when hub.max-clients are connected. */
    boolean takeAuthenticatedPlace(HubClient client) {
        return places.promote(client);
    }

    /** The hub is closing the client: it gets nothing more and counts no more, whenever its socket goes. */
    void forget(HubClient client) {
        clients.remove(client.id());
    }

    /** @param code the close code, null when the connection ended without a close frame */
    void removed(HubClient client, Disconnect reason, Short code, String text) {
        clients.remove(client.id());
        LOG.info("Hub client {} from {} disconnected ({}, {})", client.id(), client.remote(),
                reason.name().toLowerCase(), code == null ? "the connection ended without a close frame"
                        : "code " + code + (text == null || text.isEmpty() ? "" : " " + text));
    }

    /** A key from the handshake: {@code Authorization: Bearer <key>}, else the query parameter {@code api_key}. */
    private static String presentedKey(HttpServerRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        return request.getParam("api_key");
    }

    private static void refuse(RoutingContext routing, int status, String error) {
        routing.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end("{\"success\":false,\"error\":\"" + error + "\",\"timestamp\":\"" + Instant.now() + "\"}");
    }

    // ---- for clients, requests and the API -------------------------------------------------------------------

    private void heartbeat() {
        int count = authenticatedClients();
        if (count > 0) {
            toEveryClient(messages.heartbeat(count));
        }
    }

    private int toEveryClient(String message) {
        int queued = 0;
        for (HubClient client : clients.values()) {
            if (client.isAuthenticated()) {
                client.send(message);
                queued++;
            }
        }
        return queued;
    }

    String systemStatus() {
        return messages.systemStatus(session.state(), sessionReason);
    }

    boolean isStale() {
        return session.isStale();
    }

    /** The current states the subscription selects, by entity id. */
    List<JsonNode> states(Subscription subscription) {
        List<Map.Entry<String, CompactState>> selected = new ArrayList<>();
        for (Map.Entry<String, CompactState> entry : states.entrySet()) {
            String entityId = entry.getKey();
            if (subscription.matches(entityId, domainOf(entityId), areas.areaOf(entityId))) {
                selected.add(entry);
            }
        }
        selected.sort(Map.Entry.comparingByKey());
        return selected.stream().map(entry -> entry.getValue().tree()).toList();
    }

    /** The tracked entities of every area. */
    Map<String, List<String>> areaMembers() {
        Map<String, List<String>> members = new TreeMap<>();
        areas.entityAreas().forEach((entityId, areaId) -> {
            if (states.containsKey(entityId)) {
                members.computeIfAbsent(areaId, id -> new ArrayList<>()).add(entityId);
            }
        });
        return members;
    }

    private static String domainOf(String entityId) {
        int dot = entityId.indexOf('.');
        return dot > 0 ? entityId.substring(0, dot) : null;
    }

    int authenticatedClients() {
        return (int) clients.values().stream().filter(HubClient::isAuthenticated).count();
    }

    int pendingClients() {
        return clients.size() - authenticatedClients();
    }

    int bufferedMessages() {
        return clients.values().stream().mapToInt(HubClient::buffered).sum();
    }

    HubSettings settings() {
        return settings;
    }

    HubKeys keys() {
        return keys;
    }

    KeyFailures keyFailures() {
        return keyFailures;
    }

    HubMessages messages() {
        return messages;
    }

    HubStats stats() {
        return stats;
    }

    ClientRequests requests() {
        return requests;
    }
}
