package io.hacamel.bridge.homeassistant;

import java.util.concurrent.CompletionException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hacamel.bridge.client.HaConnection;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultAsyncProducer;

/**
 * Sends one command per exchange over the component's session and sets Home Assistant's {@code result} as the body.
 * Asynchronous: no Camel thread waits for Home Assistant, and answers are handed back off the session's reader.
 * Failures are {@link io.hacamel.bridge.client.HaException}s that say whether the command may have reached Home
 * Assistant.
 */
public class HomeAssistantProducer extends DefaultAsyncProducer {

    private final HomeAssistantEndpoint endpoint;

    public HomeAssistantProducer(HomeAssistantEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        ObjectNode message;
        try {
            message = HomeAssistantRequests.build(endpoint.getOperation(), exchange, endpoint.getComponent().getMapper());
        } catch (RuntimeException e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        HaConnection connection = endpoint.connection();
        var answer = endpoint.getTimeout() != null
                ? connection.request(message, endpoint.getTimeout())
                : connection.request(message);
        if (endpoint.isSynchronous()) {
            answer.handle((result, error) -> complete(exchange, result, error)).join();
            callback.done(true);
            return true;
        }
        answer.whenCompleteAsync((result, error) -> {
            complete(exchange, result, error);
            callback.done(false);
        }, endpoint.getComponent().getCallbackExecutor());
        return false;
    }

    private static Void complete(Exchange exchange, JsonNode result, Throwable error) {
        if (error != null) {
            exchange.setException(error instanceof CompletionException ? error.getCause() : error);
        } else {
            exchange.getMessage().setBody(result);
            setContextId(exchange, result);
        }
        return null;
    }

    private static void setContextId(Exchange exchange, JsonNode result) {
        JsonNode contextId = result == null ? null : result.path("context").get("id");
        if (contextId != null && contextId.isTextual()) {
            exchange.getMessage().setHeader(HomeAssistantConstants.CONTEXT_ID, contextId.asText());
        }
    }
}
