package io.hacamel.bridge.publish;

/** A webhook delivery that failed and may succeed later (a 5xx, 408 or 429 answer): it is retried. */
public class WebhookFailedException extends RuntimeException {

    public WebhookFailedException(String message) {
        super(message, null, false, false);
    }
}
