package io.hacamel.bridge.api;

import java.util.Locale;
import java.util.Map;

import org.apache.camel.Exchange;

/**
 * The API takes request bodies as JSON only. A browser lets any web page send a cross-site POST without asking the
 * bridge first (no CORS preflight) only as text/plain, a form or multipart; refusing every type but JSON keeps such
 * pages from calling services through a user's browser on a bridge without an API key.
 */
public final class JsonBodies {

    private JsonBodies() {
    }

    /** Fails with 415 unless {@link #acceptable} says yes. */
    public static void require(Exchange exchange, String what) {
        if (!acceptable(exchange)) {
            throw unsupported(what);
        }
    }

    /** True for a request without Content-Type, or with application/json or application/*+json. */
    public static boolean acceptable(Exchange exchange) {
        String contentType = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, "", String.class);
        String media = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return media.isEmpty() || media.equals("application/json")
                || media.startsWith("application/") && media.endsWith("+json");
    }

    /** The 415 for a body that is not JSON. */
    public static ApiException unsupported(String what) {
        return new ApiException(415, "send " + what + " as JSON with Content-Type: application/json",
                Map.of("field", "body"));
    }
}
