package io.hacamel.bridge.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP servers (the API's and the management port's) answer some requests before any route sees them: a body over
 * {@code camel.server.max-body-size} (413), a body the server cannot decode (400) and a path no route serves (404,
 * also what {@code ..} in a path becomes). This gives those answers the API's JSON error body instead of the server's
 * plain text or HTML, and logs each refusal in one line.
 */
public final class ServerRefusals implements StartupListener {

    private static final Logger LOG = LoggerFactory.getLogger(ServerRefusals.class);

    private final ObjectMapper mapper;
    private final long maxBodySize;
    private final Counter oversized;
    private final Counter unreadable;

    public ServerRefusals(ObjectMapper mapper, long maxBodySize, MeterRegistry meters) {
        this.mapper = mapper;
        this.maxBodySize = maxBodySize;
        this.oversized = Counter.builder("habridge.api.oversized.bodies")
                .description("Requests refused because their body exceeded camel.server.max-body-size")
                .register(meters);
        this.unreadable = Counter.builder("habridge.api.unreadable.requests")
                .description("Requests refused because the server could not read them, e.g. a form field over its "
                        + "size limit").register(meters);
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        for (VertxPlatformHttpRouter router : context.getRegistry().findByType(VertxPlatformHttpRouter.class)) {
            router.route().failureHandler(request -> {
                if (request.response().headWritten()) {
                    request.next();
                } else if (request.statusCode() == 413) {
                    tooLarge(request);
                } else if (request.statusCode() == 400 && request.failure() != null) {
                    unreadable(request);
                } else {
                    request.next();
                }
            });
            router.route().last().handler(request -> answer(request, mapper, 404, "no such resource: "
                    + request.request().method() + " " + request.normalizedPath(), null));
        }
    }

    private void tooLarge(RoutingContext request) {
        oversized.increment();
        LOG.info("Refused {} {}: the body is larger than {} bytes (camel.server.max-body-size)",
                request.request().method(), request.normalizedPath(), maxBodySize);
        answer(request, mapper, 413, "the body is larger than " + maxBodySize + " bytes", "body");
    }

    /**
     * The server could not decode the request, e.g. a form field over its size limit: a line without the stack trace
     * Vert.x would log as an ERROR, and the answer says why.
     */
    private void unreadable(RoutingContext request) {
        unreadable.increment();
        String reason = String.valueOf(request.failure().getMessage());
        LOG.info("Refused {} {}: the request could not be read ({})", request.request().method(),
                request.normalizedPath(), reason);
        answer(request, mapper, 400, "the request could not be read: " + reason, "body");
    }

    /** The API's JSON error body, for answers given before any route saw the request. */
    static void answer(RoutingContext request, ObjectMapper mapper, int status, String error, String field) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", false);
        body.put("error", error);
        if (field != null) {
            body.put("field", field);
        }
        body.put("timestamp", Instant.now().toString());
        try {
            request.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                    .end(mapper.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            request.response().setStatusCode(status).end();
        }
    }
}
