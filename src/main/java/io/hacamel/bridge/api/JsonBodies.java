package io.hacamel.bridge.api;

import java.util.Locale;
import java.util.Map;

import org.apache.camel.Exchange;

/**
 * The API takes request bodies as JSON only, said so by {@code Content-Type: application/json}. A browser lets any web
 * page send a cross-site POST without asking the bridge first (no CORS preflight) only as text/plain, a form,
 * multipart, or with no Content-Type at all (a Blob without a type); asking for JSON by name refuses all of them.
 * The request gate ({@link ApiGate}) holds every request that changes something to this rule; the routes that read
 * a body check it again, so that they keep it wherever they are wired.
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

    /** True for a request with Content-Type application/json or application/*+json (with any parameters). */
    public static boolean acceptable(Exchange exchange) {
        return isJson(exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class));
    }

    /** True for application/json or application/*+json; false for none at all. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String media = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return media.equals("application/json") || media.startsWith("application/") && media.endsWith("+json");
    }

    /** The 415 for a body that is not JSON. */
    public static ApiException unsupported(String what) {
        return new ApiException(415, "send " + what + " as JSON with Content-Type: application/json",
                Map.of("field", "body"));
    }
}
