package io.hacamel.bridge.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hacamel.bridge.client.HaConnection;
import io.hacamel.bridge.client.HaConnectionStats;
import io.hacamel.bridge.support.HttpBody;
import org.apache.camel.Exchange;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;

/**
 * {@code GET /health}: Camel's readiness checks (the Home Assistant session among them) in one answer, 200 when all
 * are UP and 503 otherwise, with the session's details so an operator sees why at a glance, and the bridge's role in
 * its pair (a standby is as ready as the leader: it serves the same reads).
 */
public final class HealthReport {

    private final ObjectMapper mapper;
    private final SessionStatus session;
    private final Supplier<Map<String, Object>> cluster;

    /** @param cluster the bridge's role in its pair (leader or standby, the holder, since when), shown, not judged */
    public HealthReport(ObjectMapper mapper, SessionStatus session, Supplier<Map<String, Object>> cluster) {
        this.mapper = mapper;
        this.session = session;
        this.cluster = cluster;
    }

    public void readiness(Exchange exchange) throws JsonProcessingException {
        answer(exchange, HealthCheckHelper.invokeReadiness(exchange.getContext(), "full"), true);
    }

    public void liveness(Exchange exchange) throws JsonProcessingException {
        answer(exchange, HealthCheckHelper.invokeLiveness(exchange.getContext(), "full"), false);
    }

    private void answer(Exchange exchange, Collection<HealthCheck.Result> results, boolean withSession)
            throws JsonProcessingException {
        boolean up = results.stream().allMatch(result -> result.getState() == HealthCheck.State.UP);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        if (withSession) {
            body.put("home_assistant", sessionDetails());
            body.put("cluster", cluster.get());
        }
        List<Map<String, Object>> checks = new ArrayList<>();
        for (HealthCheck.Result result : results) {
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("id", result.getCheck().getId());
            check.put("status", result.getState().name());
            result.getMessage().ifPresent(message -> check.put("message", message));
            checks.add(check);
        }
        body.put("checks", checks);
        body.put("timestamp", Instant.now().toString());
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, up ? 200 : 503);
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
