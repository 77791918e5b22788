package io.hacamel.bridge.api;

/** An answer other than 200 that the API gives on purpose, with its HTTP status and a message for the caller. */
public class ApiException extends RuntimeException {

    private final int status;

    public ApiException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
