package io.hacamel.bridge.client;

/**
 * A failed exchange with Home Assistant. Carries a numbered {@link HaErrorCode} and, for errors Home Assistant itself
 * reported, its error code (e.g. {@code not_found}, {@code invalid_format}) and message.
 */
public final class HaException extends RuntimeException {

    private final HaErrorCode code;
    private final String haCode;

    public HaException(HaErrorCode code, String message) {
        this(code, null, message, null);
    }

    public HaException(HaErrorCode code, String message, Throwable cause) {
        this(code, null, message, cause);
    }

    private HaException(HaErrorCode code, String haCode, String message, Throwable cause) {
        super(message, cause, false, false);
        this.code = code;
        this.haCode = haCode;
    }

    /** An error Home Assistant answered with ({@code "success": false}). */
    public static HaException fromHomeAssistant(String haCode, String haMessage) {
        return new HaException(HaErrorCode.HOME_ASSISTANT_ERROR, haCode, haMessage, null);
    }

    public HaErrorCode code() {
        return code;
    }

    /** Home Assistant's own error code, or null when the failure happened on the bridge's side. */
    public String haCode() {
        return haCode;
    }

    /** True when the request reached, or may have reached, Home Assistant. */
    public boolean delivered() {
        return code.delivered();
    }

    /** The innermost cause's message: a future's failure wraps the exception that says what went wrong. */
    static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }

    @Override
    public String toString() {
        return "HaException[" + code + (haCode != null ? "/" + haCode : "") + "]: " + getMessage();
    }
}
