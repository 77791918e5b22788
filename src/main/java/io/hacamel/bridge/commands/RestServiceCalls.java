package io.hacamel.bridge.commands;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import javax.net.ssl.SSLHandshakeException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hacamel.bridge.client.HaException;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Message;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of {@code call-service-rest}: the request to {@code POST /api/services/<domain>/<service>} and the reading
 * of its answer. Home Assistant's REST API answers a call with the states it changed (their context is the call's),
 * or with {@code ?return_response} with {@code {"changed_states":[...],"service_response":{...}}}.
 */
public final class RestServiceCalls {

    static final String REST_STARTED = "serviceCallRestStarted";

    private static final Logger LOG = LoggerFactory.getLogger(RestServiceCalls.class);
    /** Longest part of Home Assistant's error text passed on to the caller. */
    private static final int MAX_ERROR_TEXT = 300;

    private final ObjectMapper mapper;
    private final CommandMetrics metrics;

    RestServiceCalls(ObjectMapper mapper, CommandMetrics metrics) {
        this.mapper = mapper;
        this.metrics = metrics;
    }

    /**
     * After every header was removed and the token set: the request's method, path below /api/services (the checked
     * domain and service), query and body. One static endpoint serves every service: a toD per service would create
     * an HTTP client per service, and would send its timeout options to Home Assistant as a query string.
     */
    public void request(Exchange exchange) throws IOException {
        ServiceCallRequest call = ServiceCalls.call(exchange);
        Message message = exchange.getMessage();
        message.setHeader(Exchange.HTTP_METHOD, "POST");
        message.setHeader(Exchange.HTTP_PATH, call.domain() + "/" + call.service());
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        if (call.returnResponse()) {
            message.setHeader(Exchange.HTTP_QUERY, "return_response");
        }
        message.setBody(mapper.writeValueAsBytes(call.restBody()));
        exchange.setVariable(REST_STARTED, System.nanoTime());
    }

    /**
     * The request failed without an HTTP answer. If the connection was never made (or the token was held back, as
     * Home Assistant refused it), both paths failed: 503. If it was made, the call may have reached Home Assistant:
     * 504 with an unknown outcome.
     */
    public void unreachable(Exchange exchange) {
        Throwable error = exchange.getProperty(ExchangePropertyKey.EXCEPTION_CAUGHT, Throwable.class);
        ServiceCallRequest call = ServiceCalls.call(exchange);
        if (error instanceof HaException notSent) {
            throw bothFailed(exchange, call, false, notSent.getMessage());
        }
        String reason = error.getClass().getSimpleName() + ": " + error.getMessage();
        if (neverConnected(error)) {
            throw bothFailed(exchange, call, false, "cannot reach Home Assistant's REST API: " + reason);
        }
        metrics.call(CommandMetrics.REST, CommandMetrics.UNKNOWN, restElapsed(exchange));
        LOG.warn("Service call {} over the REST API: {}; its outcome is unknown and it is not re-sent", call.name(),
                reason);
        throw ServiceCalls.failure(504, "Home Assistant may or may not have run " + call.name() + ": it was sent over "
                        + "the REST API and no answer came (" + reason + "). It was not sent again.", exchange,
                CommandMetrics.UNKNOWN, CommandMetrics.REST,
                Map.of("tried", ServiceCalls.triedPaths(exchange, ServiceCalls.tried(CommandMetrics.REST, true, reason))));
    }

    /** Home Assistant's HTTP answer: the outcome, Home Assistant's refusal (400), or a failed path. */
    public void answer(Exchange exchange) throws IOException {
        Message message = exchange.getMessage();
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        InputStream stream = message.getBody(InputStream.class);
        byte[] body = stream == null ? new byte[0] : stream.readAllBytes();
        ServiceCallRequest call = ServiceCalls.call(exchange);
        if (status >= 200 && status < 300) {
            JsonNode answer = readOrEmpty(body);
            JsonNode changed = call.returnResponse() ? answer.path("changed_states") : answer;
            exchange.setVariable(ServiceCalls.OUTCOME, ServiceCallOutcome.ran(CommandMetrics.REST,
                    changed.path(0).path("context").path("id").asText(null),
                    call.returnResponse() ? answer.get("service_response") : null));
            metrics.call(CommandMetrics.REST, CommandMetrics.SUCCESS, restElapsed(exchange));
        } else if (status == 400) {
            exchange.setVariable(ServiceCalls.OUTCOME, ServiceCallOutcome.rejected(CommandMetrics.REST,
                    new ServiceCallOutcome.Rejection(400, null, "Home Assistant refused " + call.name()
                            + " over its REST API (HTTP 400): " + errorText(body))));
            metrics.call(CommandMetrics.REST, CommandMetrics.REJECTED, restElapsed(exchange));
        } else if (status == 401 || status == 403) {
            throw bothFailed(exchange, call, true, "Home Assistant rejected the bridge's access token (HTTP "
                    + status + ")");
        } else {
            throw bothFailed(exchange, call, true, "Home Assistant answered HTTP " + status + ": " + errorText(body));
        }
    }

    private RuntimeException bothFailed(Exchange exchange, ServiceCallRequest call, boolean sent, String reason) {
        metrics.call(CommandMetrics.REST, sent ? CommandMetrics.FAILED : CommandMetrics.NOT_SENT, restElapsed(exchange));
        Map<String, Object> rest = ServiceCalls.tried(CommandMetrics.REST, sent, reason);
        Object session = exchange.getVariable(ServiceCalls.SESSION_FAILURE);
        LOG.warn("Service call {} failed on every path: {}; rest: {}", call.name(),
                session instanceof Map<?, ?> tried ? "websocket: " + tried.get("error") : "websocket: not tried", reason);
        return ServiceCalls.failure(503, "Home Assistant could not take " + call.name() + " over the session nor over "
                        + "the REST API; see tried", exchange, CommandMetrics.FAILED, CommandMetrics.REST,
                Map.of("tried", ServiceCalls.triedPaths(exchange, rest)));
    }

    /** Failures before a connection existed: nothing was sent. */
    private static boolean neverConnected(Throwable error) {
        return error instanceof ConnectException || error instanceof UnknownHostException
                || error instanceof NoRouteToHostException || error instanceof ConnectTimeoutException
                || error instanceof SSLHandshakeException;
    }

    /** Home Assistant ran the call; an answer that cannot be read only costs the context id. */
    private JsonNode readOrEmpty(byte[] body) {
        try {
            JsonNode answer = mapper.readTree(body);
            return answer == null ? mapper.missingNode() : answer;
        } catch (IOException e) {
            LOG.debug("Unreadable answer to a service call over the REST API: {}", e.getMessage());
            return mapper.missingNode();
        }
    }

    /** Home Assistant's error as text: its {"message": ...} or aiohttp's plain text, shortened. */
    private String errorText(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).trim();
        try {
            JsonNode json = mapper.readTree(body);
            if (json != null && json.path("message").isTextual()) {
                text = json.get("message").asText();
            }
        } catch (IOException e) {
            // plain text, as aiohttp answers many errors
        }
        return text.length() > MAX_ERROR_TEXT ? text.substring(0, MAX_ERROR_TEXT) + "…" : text;
    }

    private static Duration restElapsed(Exchange exchange) {
        Long started = exchange.getVariable(REST_STARTED, Long.class);
        return Duration.ofNanos(started == null ? 0 : System.nanoTime() - started);
    }
}
