package io.hacamel.bridge.api;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.net.ssl.SSLException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hacamel.bridge.client.HaException;
import io.hacamel.bridge.support.InvalidInputException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns whatever went wrong while answering an API request into an HTTP status and the JSON error body
 * {@code {"success":false,"error":"…","timestamp":"…"}}. Messages are written for the caller and never carry secrets;
 * unexpected failures are logged with the exchange id and answered with a generic message.
 */
public final class ApiErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    private final ObjectMapper mapper;

    public ApiErrors(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public void respond(Exchange exchange) throws JsonProcessingException {
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", false);
        int status = describe(error, body, exchange);
        body.put("timestamp", Instant.now().toString());
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        if (error instanceof ApiException api && api.retryAfterSeconds() > 0) {
            message.setHeader("Retry-After", api.retryAfterSeconds());
        }
        message.setBody(mapper.writeValueAsBytes(body));
    }

    /** Fills {@code error} (and any detail fields) and returns the HTTP status. */
    private static int describe(Throwable error, Map<String, Object> body, Exchange exchange) {
        if (error instanceof InvalidInputException invalid) {
            body.put("error", invalid.getMessage());
            body.put("field", invalid.field());
            return 400;
        }
        if (error instanceof ApiException api) {
            body.put("error", api.getMessage());
            body.putAll(api.details());
            return api.status();
        }
        if (error instanceof HaException ha) {
            return describeHomeAssistant(ha, body);
        }
        if (error instanceof ConnectException) {
            body.put("error", "Home Assistant is unreachable and nothing usable is cached");
            return 503;
        }
        if (error instanceof SSLException tls) {
            LOG.warn("TLS with Home Assistant's REST API failed while answering {}: {}", exchange.getFromRouteId(),
                    tls.getMessage());
            body.put("error", "TLS with Home Assistant's REST API failed: " + tls.getMessage()
                    + " (a private CA belongs in ha.ca-file)");
            return 502;
        }
        if (error instanceof SocketTimeoutException) {
            body.put("error", "Home Assistant did not answer in time");
            return 504;
        }
        LOG.error("Unexpected failure answering {} (exchange {})", exchange.getFromRouteId(),
                exchange.getExchangeId(), error);
        body.put("error", "internal error (exchange " + exchange.getExchangeId() + "); see the bridge's log");
        return 500;
    }

    private static int describeHomeAssistant(HaException error, Map<String, Object> body) {
        body.put("error", error.getMessage());
        if (error.haCode() != null) {
            body.put("ha_error_code", error.haCode());
        }
        return status(error);
    }

    /** The HTTP status that answers a failed exchange with Home Assistant. */
    public static int status(HaException error) {
        return switch (error.code()) {
            case NOT_CONNECTED, CANNOT_CONNECT, HANDSHAKE_TIMEOUT, INVALID_AUTH, PROTOCOL_ERROR -> 503;
            case TIMEOUT, CONNECTION_LOST -> 504;
            case HOME_ASSISTANT_ERROR -> switch (error.haCode()) {
                case "not_found" -> 404;
                case "invalid_format", "service_validation_error" -> 400;
                case "unauthorized", "not_allowed" -> 403;
                default -> 502;
            };
        };
    }
}
