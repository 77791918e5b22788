package io.hacamel.bridge.simulator;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;

/** Python's {@code int()} and {@code float()} of template values: what they accept and what they raise. */
final class PyNumbers {

    /** Python raised ValueError or TypeError: a conversion that a default may replace. */
    static final class NotANumber extends Exception {

        private static final long serialVersionUID = 1L;

        NotANumber() {
            super(null, null, false, false);
        }
    }

    private static final Pattern INT = Pattern.compile("[+-]?\\d(_?\\d)*");
    private static final Pattern FLOAT =
        Pattern.compile("[+-]?(\\d(_?\\d)*(\\.(\\d(_?\\d)*)?)?|\\.\\d(_?\\d)*)([eE][+-]?\\d(_?\\d)*)?");
    private static final Pattern SPECIAL = Pattern.compile("[+-]?(inf|infinity|nan)", Pattern.CASE_INSENSITIVE);

    private PyNumbers() {
    }

    /** {@code int(text)} in base 10, or null when Python raises ValueError. */
    static BigInteger parseInt(String text) {
        String trimmed = text.strip();
        return INT.matcher(trimmed).matches() ? new BigInteger(trimmed.replace("_", "")) : null;
    }

    /** {@code float(text)}, or null when Python raises ValueError. */
    static Double parseFloat(String text) {
        String trimmed = text.strip();
        if (SPECIAL.matcher(trimmed).matches()) {
            boolean negative = trimmed.startsWith("-");
            if (trimmed.toLowerCase().endsWith("nan")) {
                return Double.NaN;
            }
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return FLOAT.matcher(trimmed).matches() ? Double.valueOf(trimmed.replace("_", "")) : null;
    }

    /** {@code float(value)}. */
    static double toFloat(Object value) throws NotANumber {
        failIfUndefined(value);
        if (Py.isNumber(value)) {
            return Py.toDouble(value);
        }
        if (value instanceof String text) {
            Double parsed = parseFloat(text);
            if (parsed != null) {
                return parsed;
            }
        }
        throw new NotANumber();
    }

    /** {@code int(value)}: floats are truncated; infinity raises OverflowError, which no default catches. */
    static BigInteger toInt(Object value) throws NotANumber {
        failIfUndefined(value);
        if (value instanceof Double number) {
            return truncate(number);
        }
        if (Py.isNumber(value)) {
            return Py.toInt(value);
        }
        throw new NotANumber();
    }

    /** {@code int(x)} of a float. */
    static BigInteger truncate(double number) throws NotANumber {
        if (Double.isNaN(number)) {
            throw new NotANumber();
        }
        if (Double.isInfinite(number)) {
            throw TemplateException.python("OverflowError", "cannot convert float infinity to integer");
        }
        return new BigDecimal(number).toBigInteger();
    }

    private static void failIfUndefined(Object value) {
        if (value instanceof Py.Undefined undefined) {
            throw undefined.error();
        }
    }
}
