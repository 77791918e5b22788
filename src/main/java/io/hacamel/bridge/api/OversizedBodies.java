package io.hacamel.bridge.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server refuses a body over {@code camel.server.max-body-size} before any route sees it; this answers that
 * refusal (413) with the API's JSON error body instead of the server's plain text, and logs it.
 */
public final class OversizedBodies implements StartupListener {

    private static final Logger LOG = LoggerFactory.getLogger(OversizedBodies.class);

    private final ObjectMapper mapper;
    private final long maxBodySize;

    public OversizedBodies(ObjectMapper mapper, long maxBodySize) {
        this.mapper = mapper;
        this.maxBodySize = maxBodySize;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        for (VertxPlatformHttpRouter router : context.getRegistry().findByType(VertxPlatformHttpRouter.class)) {
            router.route().failureHandler(request -> {
                if (request.statusCode() == 413 && !request.response().headWritten()) {
                    refuse(request);
                } else {
                    request.next();
                }
            });
        }
    }

    private void refuse(RoutingContext request) {
        LOG.info("Refused {} {}: the body is larger than {} bytes (camel.server.max-body-size)",
                request.request().method(), request.request().path(), maxBodySize);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", false);
        body.put("error", "the body is larger than " + maxBodySize + " bytes");
        body.put("field", "body");
        body.put("timestamp", Instant.now().toString());
        try {
            request.response().setStatusCode(413).putHeader("Content-Type", "application/json")
                    .end(mapper.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            request.response().setStatusCode(413).end();
        }
    }
}
