package io.hacamel.bridge.homeassistant;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

import io.hacamel.bridge.client.HaConnection;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultAsyncProducer;

/**
 * Sends one command per exchange over the component's session and writes Home Assistant's answer into the message.
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
        CompletableFuture<Consumer<Message>> answer;
        try {
            answer = send(exchange.getMessage());
        } catch (RuntimeException e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        if (endpoint.isSynchronous()) {
            answer.handle((write, error) -> complete(exchange, write, error)).join();
            callback.done(true);
            return true;
        }
        answer.whenCompleteAsync((write, error) -> {
            complete(exchange, write, error);
            callback.done(false);
        }, endpoint.getComponent().getCallbackExecutor());
        return false;
    }

    /** Sends the operation's command; completes with what writes the answer into the message. */
    private CompletableFuture<Consumer<Message>> send(Message message) {
        HaConnection connection = endpoint.connection();
        Duration timeout = endpoint.getTimeout() != null ? endpoint.getTimeout()
                : endpoint.getComponent().getConfiguration().getRequestTimeout();
        var mapper = endpoint.getComponent().getMapper();
        return switch (endpoint.getOperation()) {
            case GET_STATE -> {
                String entityId = HomeAssistantRequests.entityId(message, endpoint.getEntityId());
                yield connection.state(entityId, timeout)
                        .thenApply(state -> out -> HomeAssistantAnswers.state(out, entityId, state));
            }
            case RENDER_TEMPLATE -> connection.requestFirstEvent(HomeAssistantRequests.renderTemplate(message, mapper),
                    timeout).thenApply(event -> out -> HomeAssistantAnswers.rendered(out, event));
            default -> connection.request(HomeAssistantRequests.build(endpoint, message, mapper), timeout)
                    .thenApply(result -> out -> HomeAssistantAnswers.result(out, result));
        };
    }

    private static Void complete(Exchange exchange, Consumer<Message> write, Throwable error) {
        try {
            if (error != null) {
                exchange.setException(error instanceof CompletionException ? error.getCause() : error);
            } else {
                write.accept(exchange.getMessage());
            }
        } catch (RuntimeException e) {
            exchange.setException(e);
        }
        return null;
    }
}
