package io.hacamel.bridge.simulator;

/**
 * A Python exception other than a validation error inside a command (a TypeError, say). Home Assistant answers
 * it with unknown_error and the message "Unknown error", and logs the exception.
 */
final class UnknownErrorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UnknownErrorException(String pythonMessage) {
        super(pythonMessage, null, false, false);
    }
}
