package io.hacamel.bridge.api;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The door of the API port: every request passes it before any route does (the REST routes, the status page, the
 * hub's {@code /ws}, and any route added later), in this order:
 * <ol>
 * <li>{@code Host} must be one of the bridge's names or addresses, or in {@code api.allowed-hosts} (DNS
 * rebinding);</li>
 * <li>{@code Origin}, when a page's script sent the request, must be the bridge's own or in {@code api.allowed-origins}
 * (for {@code /ws} also {@code hub.allowed-origins}); allowed ones get their CORS preflight answered;</li>
 * <li>an address that sent too many wrong keys gets 429 until its window ends;</li>
 * <li>the key, {@code Authorization: Bearer <key>}, unless {@link ApiAccess} says the request needs none; the hub
 * checks its clients' keys itself, since a browser cannot set that header on a WebSocket;</li>
 * <li>{@code Content-Type: application/json} on every request that changes something.</li>
 * </ol>
 * The probes {@code /health/live} and {@code /health/ready} and the status page's files (the same for everybody,
 * from the jar; the page asks for the key before it shows anything) need no key. The header with the key is removed
 * once checked, so no route ever sees it.
 */
public final class ApiGate extends ServiceSupport {

    /** Why the gate refused a request: the metric's tag. */
    enum Refusal { HOST, ORIGIN, NO_KEY, WRONG_KEY, BLOCKED, CONTENT_TYPE }

    private static final Logger LOG = LoggerFactory.getLogger(ApiGate.class);
    static final Set<String> PROBES = Set.of("/health/live", "/health/ready");
    static final String PAGE = "/";
    static final String PAGE_FILES = "/ui/";
    static final String HUB = "/ws";
    private static final Set<HttpMethod> CHANGING = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);

    private final CamelContext camelContext;
    private final int port;
    private final ApiAccess access;
    private final AllowedHosts hosts;
    private final AllowedOrigins origins;
    private final KeyFailures failures;
    private final ObjectMapper mapper;
    private final Map<Refusal, Counter> refused = new EnumMap<>(Refusal.class);
    /** Refused hosts and origins logged in the last minute: a page that keeps trying is one line a minute. */
    private final Cache<String, Boolean> logged = Caffeine.newBuilder().maximumSize(1_000)
            .expireAfterWrite(Duration.ofMinutes(1)).build();
    private Route route;

    ApiGate(CamelContext camelContext, int port, ApiAccess access, AllowedHosts hosts, AllowedOrigins origins,
            KeyFailures failures, ObjectMapper mapper, MeterRegistry meters) {
        this.camelContext = camelContext;
        this.port = port;
        this.access = access;
        this.hosts = hosts;
        this.origins = origins;
        this.failures = failures;
        this.mapper = mapper;
        for (Refusal reason : Refusal.values()) {
            refused.put(reason, Counter.builder("habridge.api.requests.refused")
                    .description("Requests the API's gate refused before any route: host, origin, no_key, wrong_key, "
                            + "blocked (too many wrong keys), content_type")
                    .tag("reason", reason.name().toLowerCase(Locale.ROOT)).register(meters));
        }
    }

    /** First on the router, before the routes and the hub add theirs: no request ever finds a route without it. */
    @Override
    protected void doStart() {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(camelContext,
                VertxPlatformHttpRouter.getRouterNameFromPort(port));
        if (router == null) {
            throw new IllegalStateException("the API's gate needs the HTTP server (camel.server.enabled=true)");
        }
        route = router.route().order(Integer.MIN_VALUE).handler(this::handle);
    }

    @Override
    protected void doStop() {
        if (route != null) {
            route.remove();
            route = null;
        }
    }

    private void handle(RoutingContext routing) {
        String path = routing.normalizedPath();
        String host = host(routing.request());
        if (!hostAllowed(routing, host) || !originAllowed(routing, host, path)) {
            return;
        }
        if (PROBES.contains(path) || path.equals(PAGE) || path.startsWith(PAGE_FILES)) {
            routing.next();
            return;
        }
        if (!access.open() && blocked(routing)) {
            return;
        }
        if (!path.equals(HUB) && !keyAccepted(routing, path)) {
            return;
        }
        if (CHANGING.contains(routing.request().method())
                && !JsonBodies.isJson(routing.request().getHeader(HttpHeaders.CONTENT_TYPE))) {
            refused.get(Refusal.CONTENT_TYPE).increment();
            ServerRefusals.answer(routing, mapper, 415, "send Content-Type: application/json with every request "
                    + "that changes something", "body");
            return;
        }
        routing.next();
    }

    private boolean hostAllowed(RoutingContext routing, String host) {
        if (hosts.allows(host)) {
            return true;
        }
        logOnce("host " + host, "Refused {} {} from {}: Host {} is none of the bridge's names and addresses "
                + "(api.allowed-hosts)", routing.request(), host);
        refuse(routing, Refusal.HOST, 403, "this bridge does not answer to that host name; add it to "
                + "api.allowed-hosts");
        return false;
    }

    /** No Origin (not a page's script), the bridge's own, or an allowed one: then CORS for the latter. */
    private boolean originAllowed(RoutingContext routing, String host, String path) {
        String origin = routing.request().getHeader(HttpHeaders.ORIGIN);
        if (origin == null || AllowedOrigins.sameOrigin(origin, host)) {
            return true;
        }
        if (!origins.allows(origin, path.equals(HUB))) {
            logOnce("origin " + origin, "Refused {} {} from {}: a page of {} is not allowed (api.allowed-origins)",
                    routing.request(), origin);
            refuse(routing, Refusal.ORIGIN, 403, "pages of this origin may not use the bridge; add it to "
                    + "api.allowed-origins");
            return false;
        }
        if (answeredPreflight(routing, origin)) {
            return false;
        }
        routing.addHeadersEndHandler(v -> routing.response().putHeader("Access-Control-Allow-Origin", origin)
                .putHeader(HttpHeaders.VARY, "Origin"));
        return true;
    }

    /** The Host header; over HTTP/2 (h2c, which the JDK's client asks for) the request's :authority. */
    private static String host(HttpServerRequest request) {
        String header = request.getHeader(HttpHeaders.HOST);
        HostAndPort authority = header == null ? request.authority() : null;
        if (authority == null) {
            return header;
        }
        String name = authority.host();
        name = name.indexOf(':') >= 0 && !name.startsWith("[") ? "[" + name + "]" : name;
        return authority.port() >= 0 ? name + ":" + authority.port() : name;
    }

    /** A preflight of an allowed origin: which methods and headers its page may use. */
    private static boolean answeredPreflight(RoutingContext routing, String origin) {
        HttpServerRequest request = routing.request();
        if (request.method() != HttpMethod.OPTIONS || request.getHeader("Access-Control-Request-Method") == null) {
            return false;
        }
        HttpServerResponse response = routing.response().setStatusCode(204)
                .putHeader("Access-Control-Allow-Origin", origin)
                .putHeader("Access-Control-Allow-Methods", "GET, POST, DELETE")
                .putHeader("Access-Control-Allow-Headers", "Authorization, Content-Type")
                .putHeader("Access-Control-Max-Age", "600")
                .putHeader(HttpHeaders.VARY, "Origin");
        if ("true".equals(request.getHeader("Access-Control-Request-Private-Network"))) {
            response.putHeader("Access-Control-Allow-Private-Network", "true"); // Chrome's private network access
        }
        response.end();
        return true;
    }

    private boolean blocked(RoutingContext routing) {
        long seconds = failures.blockedSeconds(routing.request().remoteAddress().host());
        if (seconds == 0) {
            return false;
        }
        routing.response().putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
        refuse(routing, Refusal.BLOCKED, 429, "too many wrong API keys from this address: try again in " + seconds
                + " s");
        return true;
    }

    /**
     * The key, when the request needs one: one {@code Authorization: Bearer} header (two are no second chance). The
     * header is removed either way, so that no route sees it.
     */
    private boolean keyAccepted(RoutingContext routing, String path) {
        HttpServerRequest request = routing.request();
        List<String> authorizations = request.headers().getAll(HttpHeaders.AUTHORIZATION);
        request.headers().remove(HttpHeaders.AUTHORIZATION);
        if (!access.needsKey(request.method().name())) {
            return true;
        }
        if (authorizations.isEmpty()) {
            routing.response().putHeader("WWW-Authenticate", "Bearer");
            refuse(routing, Refusal.NO_KEY, 401,
                    "this request needs the bridge's API key: Authorization: Bearer <key>");
            return false;
        }
        String authorization = authorizations.size() == 1 ? authorizations.get(0) : "";
        String presented = authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7) : null;
        if (!access.accepts(path, presented)) {
            failures.failed(request.remoteAddress().host());
            routing.response().putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            refuse(routing, Refusal.WRONG_KEY, 401, "the API key is not valid");
            return false;
        }
        return true;
    }

    private void refuse(RoutingContext routing, Refusal reason, int status, String error) {
        refused.get(reason).increment();
        ServerRefusals.answer(routing, mapper, status, error, null);
    }

    private void logOnce(String what, String format, HttpServerRequest request, String value) {
        if (logged.asMap().putIfAbsent(what, Boolean.TRUE) == null) {
            LOG.warn(format, request.method(), request.path(), request.remoteAddress().host(), value);
        }
    }
}
