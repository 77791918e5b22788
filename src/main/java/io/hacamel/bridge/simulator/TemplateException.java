package io.hacamel.bridge.simulator;

/**
 * A template that does not compile or render. The message is what Home Assistant's {@code str(TemplateError)}
 * reads, the Python exception's class name first ({@code TemplateSyntaxError: unexpected '}'}).
 */
final class TemplateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private TemplateException(String message) {
        super(message, null, false, false);
    }

    static TemplateException python(String type, String message) {
        return new TemplateException(type + ": " + message);
    }

    static TemplateException syntax(String message) {
        return python("TemplateSyntaxError", message);
    }

    /** Something Home Assistant renders but the simulator does not, named plainly so nobody mistakes it for HA's. */
    static TemplateException limit(String what) {
        return new TemplateException("TemplateError: " + what
            + " is outside the simulator's template subset (docs/simulator.md lists it)");
    }
}
