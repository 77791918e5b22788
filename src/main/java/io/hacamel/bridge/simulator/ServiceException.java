package io.hacamel.bridge.simulator;

/** A failed service call, carrying the websocket error code and message Home Assistant would answer with. */
final class ServiceException extends Exception {

    private final String code;
    private final String translationKey;

    private ServiceException(String code, String message, String translationKey) {
        super(message, null, false, false);
        this.code = code;
        this.translationKey = translationKey;
    }

    static ServiceException notFound() {
        return new ServiceException("not_found", "Service not found.", null);
    }

    static ServiceException invalidFormat(String message) {
        return new ServiceException("invalid_format", message, null);
    }

    /** A {@code ServiceValidationError} raised with Home Assistant's translation key. */
    static ServiceException validation(String translationKey, String message) {
        return new ServiceException("service_validation_error", "Validation error: " + message, translationKey);
    }

    String code() {
        return code;
    }

    /** Null unless the error came with a translation key. */
    String translationKey() {
        return translationKey;
    }
}
