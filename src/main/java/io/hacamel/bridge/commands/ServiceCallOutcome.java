package io.hacamel.bridge.commands;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How a service call went on the path that answered it: Home Assistant ran it, or answered with an error of its own.
 *
 * @param via       {@code websocket} or {@code rest}
 * @param contextId the id of the context Home Assistant ran the call in, or null when it did not say
 * @param response  the service's response when one was asked for, else null
 * @param rejection Home Assistant's error, or null when it ran the call
 */
record ServiceCallOutcome(String via, String contextId, JsonNode response, Rejection rejection) {

    /** An error Home Assistant answered with, as the caller gets it: a 4xx (or 502) status, its code and message. */
    record Rejection(int status, String haCode, String message) {
    }

    static ServiceCallOutcome ran(String via, String contextId, JsonNode response) {
        return new ServiceCallOutcome(via, contextId, response, null);
    }

    static ServiceCallOutcome rejected(String via, Rejection rejection) {
        return new ServiceCallOutcome(via, null, null, rejection);
    }
}
