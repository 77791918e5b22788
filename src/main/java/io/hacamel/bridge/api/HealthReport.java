package io.hacamel.bridge.api;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hacamel.bridge.client.HaConnection;
import io.hacamel.bridge.client.HaConnectionStats;
import io.hacamel.bridge.support.HttpBody;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;

/**
 * {@code GET /health}, behind the key: Camel's readiness checks (the Home Assistant session among them) in one answer,
 * 200 when all are UP and 503 otherwise, with the session's details and the checks that are not UP, so an operator
 * sees why at a glance, and the bridge's role in its pair (a standby is as ready as the leader: it serves the same
 * reads); {@code ?details=true} lists every check. The probes {@code /health/live} and
 * {@code /health/ready} answer anyone, so they say UP or DOWN and nothing more.
 */
public final class HealthReport {

    private static final String UP = "UP";

    private final ObjectMapper mapper;
    private final SessionStatus session;
    private final Supplier<Map<String, Object>> cluster;

    /** @param cluster the bridge's role in its pair (leader or standby, the holder, since when), shown, not judged */
    public HealthReport(ObjectMapper mapper, SessionStatus session, Supplier<Map<String, Object>> cluster) {
        this.mapper = mapper;
        this.session = session;
        this.cluster = cluster;
    }

    public void health(Exchange exchange) throws JsonProcessingException {
        CamelContext context = exchange.getContext();
        Collection<HealthCheck.Result> results = HealthCheckHelper.invokeReadiness(context, "full");
        boolean everyCheck = Boolean.parseBoolean(exchange.getMessage().getHeader("details", String.class));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status(results));
        body.put("home_assistant", sessionDetails());
        body.put("cluster", cluster.get());
        body.put("checks", results.stream().filter(result -> everyCheck || result.getState() != HealthCheck.State.UP)
                .map(result -> check(context, result)).toList());
        body.put("timestamp", Instant.now().toString());
        answer(exchange, body);
    }

    /** {@code GET /health/ready}, for probes and without a key: UP or DOWN, and nothing else. */
    public void ready(Exchange exchange) throws JsonProcessingException {
        answer(exchange, Map.of("status", status(HealthCheckHelper.invokeReadiness(exchange.getContext(), "full"))));
    }

    /** {@code GET /health/live}, for probes and without a key: UP or DOWN, and nothing else. */
    public void live(Exchange exchange) throws JsonProcessingException {
        answer(exchange, Map.of("status", status(HealthCheckHelper.invokeLiveness(exchange.getContext(), "full"))));
    }

    private static String status(Collection<HealthCheck.Result> results) {
        return results.stream().allMatch(result -> result.getState() == HealthCheck.State.UP) ? UP : "DOWN";
    }

    /**
     * A check's id, status and message. Camel reports a route that is off (autoStartup false, such as
     * example-automation) and its consumer as UP; it is DISABLED here.
     */
    private static Map<String, Object> check(CamelContext context, HealthCheck.Result result) {
        Map<String, Object> check = new LinkedHashMap<>();
        String id = result.getCheck().getId();
        check.put("id", id);
        check.put("status", disabled(context, id) ? "DISABLED" : result.getState().name());
        result.getMessage().ifPresent(message -> check.put("message", message));
        return check;
    }

    private static boolean disabled(CamelContext context, String checkId) {
        Route route = context.getRoute(checkId.substring(checkId.indexOf(':') + 1));
        return route != null && (checkId.startsWith("route:") || checkId.startsWith("consumer:"))
                && !Boolean.TRUE.equals(route.isAutoStartup())
                && !context.getRouteController().getRouteStatus(route.getId()).isStarted();
    }

    private void answer(Exchange exchange, Map<String, Object> body) throws JsonProcessingException {
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, UP.equals(body.get("status")) ? 200 : 503);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(HttpBody.of(mapper.writeValueAsBytes(body)));
    }

    Map<String, Object> sessionDetails() {
        Map<String, Object> details = new LinkedHashMap<>();
        HaConnection connection = session.connection();
        details.put("connected", !session.isStale());
        details.put("state", session.state().name());
        if (connection != null) {
            HaConnectionStats stats = connection.stats();
            details.put("url", connection.url().toString());
            details.put("ha_version", stats.haVersion());
            details.put("reconnect_attempts", stats.consecutiveFailures());
            details.put("subscriptions", connection.subscriptionCount());
            details.put("last_error", stats.lastError());
        }
        return details;
    }
}
