package io.hacamel.bridge.api;

import java.util.Map;

/**
 * An answer other than 200 that the API gives on purpose, with its HTTP status, a message for the caller and optional
 * details that become fields of the JSON error body (e.g. {@code "outcome":"unknown"}).
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final Map<String, Object> details;
    private final int retryAfterSeconds;

    public ApiException(int status, String message) {
        this(status, message, Map.of());
    }

    public ApiException(int status, String message, Map<String, Object> details) {
        this(status, message, details, 0);
    }

    /** @param retryAfterSeconds sent as the answer's {@code Retry-After} header when positive */
    public ApiException(int status, String message, Map<String, Object> details, int retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.details = details;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    /** When the caller may try again, in seconds; 0 for no {@code Retry-After}. */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** Fields added to the error body after {@code error}; never secrets. */
    public Map<String, Object> details() {
        return details;
    }
}
