package io.hacamel.bridge.publish;

/**
 * A webhook delivery that will fail however often it is retried (any other 4xx or 3xx answer, a target that is no
 * longer configured): it goes to the dead-letter store at once.
 */
public class WebhookRejectedException extends WebhookFailedException {

    public WebhookRejectedException(String message) {
        super(message);
    }
}
