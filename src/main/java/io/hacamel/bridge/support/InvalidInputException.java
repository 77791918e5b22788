package io.hacamel.bridge.support;

/** Input that must not reach Home Assistant, with the field it is about; answered with 400. */
public class InvalidInputException extends IllegalArgumentException {

    private final String field;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The offending field, e.g. {@code service_data} or {@code entity_id}. */
    public String field() {
        return field;
    }
}
