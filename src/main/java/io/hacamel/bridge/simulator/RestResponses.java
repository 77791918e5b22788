package io.hacamel.bridge.simulator;

import io.vertx.core.http.HttpServerRequest;

/** Writes REST answers with the content types Home Assistant's aiohttp server uses. */
final class RestResponses {

    private RestResponses() {
    }

    static void json(HttpServerRequest request, int status, String json) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(json);
    }

    /** {@code {"message": ...}}, Home Assistant's {@code json_message}. */
    static void message(HttpServerRequest request, int status, String message) {
        json(request, status, "{\"message\":" + Json.quoted(message) + "}");
    }

    /** aiohttp's own HTTP errors: plain text such as {@code 401: Unauthorized}. */
    static void text(HttpServerRequest request, int status, String text) {
        request.response().setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8").end(text);
    }
}
