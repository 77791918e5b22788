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
 * The HTTP server answers some requests before any route sees them: a body over {@code camel.server.max-body-size}
 * (413) and a path no route serves (404, also what {@code ..} in a path becomes). This gives those answers the API's
 * JSON error body instead of the server's plain text or HTML, and logs the refused bodies.
 */
public final class ServerRefusals implements StartupListener {

    private static final Logger LOG = LoggerFactory.getLogger(ServerRefusals.class);

    private final ObjectMapper mapper;
    private final long maxBodySize;
    private final Counter oversized;

    public ServerRefusals(ObjectMapper mapper, long maxBodySize, MeterRegistry meters) {
        this.mapper = mapper;
        this.maxBodySize = maxBodySize;
        this.oversized = Counter.builder("habridge.api.oversized.bodies")
                .description("Requests refused because their body exceeded camel.server.max-body-size")
                .register(meters);
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        for (VertxPlatformHttpRouter router : context.getRegistry().findByType(VertxPlatformHttpRouter.class)) {
            router.route().failureHandler(request -> {
                if (request.statusCode() == 413 && !request.response().headWritten()) {
                    tooLarge(request);
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
