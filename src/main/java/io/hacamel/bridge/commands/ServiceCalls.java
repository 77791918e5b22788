package io.hacamel.bridge.commands;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hacamel.bridge.api.ApiErrors;
import io.hacamel.bridge.api.ApiException;
import io.hacamel.bridge.api.JsonBodies;
import io.hacamel.bridge.client.HaException;
import io.hacamel.bridge.homeassistant.HomeAssistantConstants;
import io.hacamel.bridge.support.InvalidInputException;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of the {@code call-service} routes that need code: checking the call, reading the session's answer,
 * deciding after a failure of the session whether the call may go over the REST API, and writing the answer. The
 * REST steps are in {@link RestServiceCalls}.
 */
public final class ServiceCalls {

    static final String CALL = "serviceCall";
    static final String STARTED = "serviceCallStarted";
    static final String OUTCOME = "serviceCallOutcome";
    /** Why the session did not take the call: one entry of the "tried" list of a 503. */
    static final String SESSION_FAILURE = "serviceCallSessionFailure";

    private static final Logger LOG = LoggerFactory.getLogger(ServiceCalls.class);
    /** Fields that may tag the invalid-input counter; others (unknown fields, named by the caller) are one tag. */
    private static final Set<String> KNOWN_FIELDS = Set.of("domain", "service", "body", "service_data",
            "service_data.entity_id", "target", "target.entity_id", "target.device_id", "target.area_id",
            "target.floor_id", "target.label_id", "return_response", "correlation_id");

    private final ObjectMapper mapper;
    private final ServiceCallParser parser;
    private final FallbackPolicy policy;
    private final CommandMetrics metrics;

    ServiceCalls(ObjectMapper mapper, ServiceCallParser parser, FallbackPolicy policy, CommandMetrics metrics) {
        this.mapper = mapper;
        this.parser = parser;
        this.policy = policy;
        this.metrics = metrics;
    }

    /**
     * {@code POST /api/v1/services/{domain}/{service}}: the path's domain and service become the call's headers. A form
     * body (what {@code curl -d} sends without a Content-Type) is refused with 415: the server has already taken it
     * apart into fields, so the JSON in it cannot be read back faithfully.
     */
    public void fromHttp(Exchange exchange) {
        Message message = exchange.getMessage();
        if (!JsonBodies.acceptable(exchange)) {
            refused(exchange, "body", "a body that is not JSON (its Content-Type)");
            throw JsonBodies.unsupported("the call");
        }
        message.setHeader(HomeAssistantConstants.DOMAIN, message.getHeader("domain", String.class));
        message.setHeader(HomeAssistantConstants.SERVICE, message.getHeader("service", String.class));
    }

    /**
     * Removes every header but the domain and the service, so that nothing else a caller sends reaches Home Assistant
     * (by name: a {@code removeHeaders} exclude pattern compiles a regular expression for every header of every
     * call), checks the call (headers domain and service, body) and keeps it in a variable; the clock starts here.
     */
    public void accept(Exchange exchange) {
        Message message = exchange.getMessage();
        message.getHeaders().keySet().removeIf(name -> !HomeAssistantConstants.DOMAIN.equalsIgnoreCase(name)
                && !HomeAssistantConstants.SERVICE.equalsIgnoreCase(name));
        Object body = message.getBody();
        if (!(body == null || body instanceof JsonNode || body instanceof Map || body instanceof String)) {
            body = message.getBody(byte[].class);
        }
        try {
            ServiceCallRequest call = parser.parse(message.getHeader(HomeAssistantConstants.DOMAIN, String.class),
                    message.getHeader(HomeAssistantConstants.SERVICE, String.class), body);
            exchange.setVariable(CALL, call);
            exchange.setVariable(STARTED, System.nanoTime());
        } catch (InvalidInputException e) {
            refused(exchange, e.field(), e.getMessage());
            throw badInput(400, e.getMessage(), e.field(), parser.correlationIdOf(body));
        } catch (ApiException e) {
            refused(exchange, "body", e.getMessage());
            throw badInput(e.status(), e.getMessage(), "body", null);
        }
    }

    private static ApiException badInput(int status, String message, String field, JsonNode correlationId) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("field", field);
        if (correlationId != null) {
            details.put("correlation_id", correlationId);
        }
        return new ApiException(status, message, details);
    }

    /** Before {@code homeassistant:call-service}: the checked call as its body and headers. */
    public void websocketRequest(Exchange exchange) {
        ServiceCallRequest call = call(exchange);
        Message message = exchange.getMessage();
        message.setHeader(HomeAssistantConstants.DOMAIN, call.domain());
        message.setHeader(HomeAssistantConstants.SERVICE, call.service());
        message.setBody(call.websocketBody());
    }

    /** Home Assistant ran the call: its result carries the context and, when asked for, the response. */
    public void websocketAnswered(Exchange exchange) {
        ServiceCallRequest call = call(exchange);
        JsonNode result = exchange.getMessage().getBody(JsonNode.class);
        String contextId = exchange.getMessage().getHeader(HomeAssistantConstants.CONTEXT_ID, String.class);
        exchange.setVariable(OUTCOME, ServiceCallOutcome.ran(CommandMetrics.WEBSOCKET, contextId,
                call.returnResponse() && result != null ? result.get("response") : null));
        metrics.call(CommandMetrics.WEBSOCKET, CommandMetrics.SUCCESS, elapsed(exchange));
    }

    /** Home Assistant itself answered the call with an error: an outcome, not a failure of the session. */
    public void websocketRejected(Exchange exchange) {
        HaException error = exchange.getProperty(ExchangePropertyKey.EXCEPTION_CAUGHT, HaException.class);
        exchange.setVariable(OUTCOME, ServiceCallOutcome.rejected(CommandMetrics.WEBSOCKET,
                new ServiceCallOutcome.Rejection(ApiErrors.status(error), error.haCode(), error.getMessage())));
        metrics.call(CommandMetrics.WEBSOCKET, CommandMetrics.REJECTED, elapsed(exchange));
    }

    /**
     * The circuit breaker's fallback: the session failed the call or was not asked. Returns when the call may go over
     * the REST API (it certainly did not reach Home Assistant, or its service may be re-sent); otherwise answers 504
     * with {@code "outcome":"unknown"}, as sending it again could run it twice.
     */
    public void sessionFailed(Exchange exchange) throws Throwable {
        ServiceCallRequest call = call(exchange);
        Throwable failure = exchange.getProperty(ExchangePropertyKey.EXCEPTION_CAUGHT, Throwable.class);
        if (failure != null && !(failure instanceof HaException)) {
            throw failure; // not a failure of the session: an internal error, answered 500 and logged
        }
        String state = exchange.getProperty(ExchangePropertyKey.CIRCUIT_BREAKER_RESPONSE_STATE, "OPEN", String.class);
        FallbackPolicy.Decision decision = policy.decide(failure, state, call.name());
        if (failure != null) {
            metrics.call(CommandMetrics.WEBSOCKET, ((HaException) failure).delivered() ? CommandMetrics.UNKNOWN
                    : CommandMetrics.NOT_SENT, elapsed(exchange));
        }
        if (!decision.fallBack()) {
            LOG.warn("Service call {}: {}; its outcome is unknown and it is not re-sent (commands.resend-if-unknown)",
                    call.name(), decision.reason());
            throw failure(504, "Home Assistant may or may not have run " + call.name() + ": " + decision.reason()
                    + ". It was not sent again, as running it twice could undo it.", exchange,
                    CommandMetrics.UNKNOWN, CommandMetrics.WEBSOCKET, null);
        }
        LOG.warn("Service call {} goes over the REST API: {}", call.name(), decision.reason());
        metrics.fallback(decision.tag());
        exchange.setVariable(SESSION_FAILURE, tried(CommandMetrics.WEBSOCKET,
                failure instanceof HaException ha && ha.delivered(), decision.reason()));
    }

    /** The answer: JSON of how the call went, or the error Home Assistant answered with. */
    public void answer(Exchange exchange) throws JsonProcessingException {
        ServiceCallRequest call = call(exchange);
        ServiceCallOutcome outcome = exchange.getVariable(OUTCOME, ServiceCallOutcome.class);
        if (outcome.rejection() != null) {
            ServiceCallOutcome.Rejection rejection = outcome.rejection();
            Map<String, Object> details = new LinkedHashMap<>();
            if (rejection.haCode() != null) {
                details.put("ha_error_code", rejection.haCode());
            }
            throw failure(rejection.status(), rejection.message(), exchange, "rejected", outcome.via(), details);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("outcome", CommandMetrics.SUCCESS);
        describe(body, call, outcome.via(), exchange);
        body.put("context_id", outcome.contextId());
        if (call.returnResponse()) {
            body.put("response", outcome.response());
        }
        Object sessionFailure = exchange.getVariable(SESSION_FAILURE);
        if (sessionFailure instanceof Map<?, ?> tried) {
            body.put("fallback_reason", tried.get("error"));
        }
        body.put("timestamp", Instant.now().toString());
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        if (outcome.contextId() != null) {
            message.setHeader(HomeAssistantConstants.CONTEXT_ID, outcome.contextId());
        }
        message.setBody(mapper.writeValueAsBytes(body));
    }

    // ---- shared with RestServiceCalls ---------------------------------------------------------------------------

    static ServiceCallRequest call(Exchange exchange) {
        return exchange.getVariable(CALL, ServiceCallRequest.class);
    }

    static Duration elapsed(Exchange exchange) {
        Long started = exchange.getVariable(STARTED, Long.class);
        return Duration.ofNanos(started == null ? 0 : System.nanoTime() - started);
    }

    /** One path that was tried and how it failed, for the "tried" list of an answer. */
    static Map<String, Object> tried(String via, boolean sent, String error) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("via", via);
        entry.put("sent", sent);
        entry.put("error", error);
        return entry;
    }

    /** An error answer with the call's details; {@code extra} goes first (e.g. ha_error_code, tried). */
    static ApiException failure(int status, String message, Exchange exchange, String outcome, String via,
            Map<String, Object> extra) {
        Map<String, Object> details = new LinkedHashMap<>();
        if (extra != null) {
            details.putAll(extra);
        }
        details.put("outcome", outcome);
        describe(details, call(exchange), via, exchange);
        return new ApiException(status, message, details);
    }

    /** The "tried" list of an answer: how the session failed (when it was asked), then how the REST API did. */
    static List<Object> triedPaths(Exchange exchange, Map<String, Object> rest) {
        Object session = exchange.getVariable(SESSION_FAILURE);
        return session == null ? List.of(rest) : List.of(session, rest);
    }

    private static void describe(Map<String, Object> body, ServiceCallRequest call, String via, Exchange exchange) {
        body.put("domain", call.domain());
        body.put("service", call.service());
        body.put("via", via);
        body.put("duration_ms", elapsed(exchange).toMillis());
        if (call.correlationId() != null) {
            body.put("correlation_id", call.correlationId());
        }
    }

    private void refused(Exchange exchange, String field, String reason) {
        metrics.invalid(KNOWN_FIELDS.contains(field) ? field : "unknown_field");
        LOG.info("Refused a service call from route {}: {} (field {})", exchange.getFromRouteId(), reason, field);
    }
}
