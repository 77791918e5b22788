package io.hacamel.bridge.api;

import java.util.Map;

/**
 * An answer other than 200 that the API gives on purpose, with its HTTP status, a message for the caller and optional
 * details that become fields of the JSON error body (e.g. {@code "outcome":"unknown"}).
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final Map<String, Object> details;

    public ApiException(int status, String message) {
        this(status, message, Map.of());
    }

    public ApiException(int status, String message, Map<String, Object> details) {
        super(message, null, false, false);
        this.status = status;
        this.details = details;
    }

    public int status() {
        return status;
    }

    /** Fields added to the error body after {@code error}; never secrets. */
    public Map<String, Object> details() {
        return details;
    }
}
