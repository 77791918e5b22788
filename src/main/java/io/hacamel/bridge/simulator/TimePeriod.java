package io.hacamel.bridge.simulator;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * {@code cv.positive_time_period}: seconds, {@code "HH:MM[:SS[.F]]"} or {@code {days, hours, minutes, seconds,
 * milliseconds}}, as a whole number of microseconds like Python's timedelta.
 */
final class TimePeriod {

    /** The value is no positive time period; the message is the one voluptuous reports first. */
    static final class NotAPeriod extends Exception {

        private static final long serialVersionUID = 1L;

        NotAPeriod(String message) {
            super(message, null, false, false);
        }
    }

    private static final String ERROR = "offset %s should be format 'HH:MM', 'HH:MM:SS' or 'HH:MM:SS.F'";
    private static final List<String> UNITS = List.of("days", "hours", "minutes", "seconds", "milliseconds");
    private static final long[] UNIT_MICROS = {86_400_000_000L, 3_600_000_000L, 60_000_000L, 1_000_000L, 1_000L};
    /** timedelta's limit: 999999999 days. */
    private static final BigDecimal MAX_MICROS = BigDecimal.valueOf(999_999_999L).multiply(BigDecimal.valueOf(
        86_400_000_000L));

    private TimePeriod() {
    }

    /** A template value (Python) as a positive period in microseconds. */
    static long micros(Object value) throws NotAPeriod {
        long micros = timePeriod(value);
        if (micros < 0) {
            throw new NotAPeriod("Time period should be positive");
        }
        return micros;
    }

    /** {@code timedelta.total_seconds()} as Python's json writes it. */
    static String json(long micros) {
        return "{\"__type\":\"<class 'datetime.timedelta'>\",\"total_seconds\":"
            + PythonRepr.pythonFloat(micros / 1e6) + "}";
    }

    /** {@code vol.Any(time_period_str, time_period_seconds, timedelta, time_period_dict)}. */
    private static long timePeriod(Object value) throws NotAPeriod {
        if (value instanceof String text) {
            Long parsed = fromString(text);
            if (parsed != null) {
                return parsed;
            }
            Double seconds = PyNumbers.parseFloat(text);
            if (seconds != null) {
                return fromSeconds(seconds);
            }
            String unsigned = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
            throw new NotAPeriod(String.format(ERROR, unsigned));
        }
        if (Py.isNumber(value)) {
            return fromSeconds(Py.toDouble(value));
        }
        if (value instanceof Map<?, ?> map) {
            return fromDict(map);
        }
        throw new NotAPeriod(String.format(ERROR, Py.str(value)));
    }

    /** {@code time_period_str}: [+-]H:M[:S.F]; null when it does not parse. */
    private static Long fromString(String value) throws NotAPeriod {
        boolean negative = value.startsWith("-");
        String unsigned = negative || value.startsWith("+") ? value.substring(1) : value;
        String[] parts = unsigned.split(":", -1);
        if (parts.length != 2 && parts.length != 3) {
            return null;
        }
        BigInteger hours = PyNumbers.parseInt(parts[0]);
        BigInteger minutes = PyNumbers.parseInt(parts[1]);
        Double seconds = parts.length == 3 ? PyNumbers.parseFloat(parts[2]) : Double.valueOf(0);
        if (hours == null || minutes == null || seconds == null) {
            return null;
        }
        BigDecimal total = new BigDecimal(hours).multiply(BigDecimal.valueOf(UNIT_MICROS[1]))
            .add(new BigDecimal(minutes).multiply(BigDecimal.valueOf(UNIT_MICROS[2])))
            .add(exactMicros(seconds, UNIT_MICROS[3]));
        long micros = toMicros(total);
        return negative ? -micros : micros;
    }

    private static long fromSeconds(double seconds) throws NotAPeriod {
        return toMicros(exactMicros(seconds, UNIT_MICROS[3]));
    }

    /** {@code time_period_dict}: only the five units, each coerced to float, at least one of them. */
    private static long fromDict(Map<?, ?> map) throws NotAPeriod {
        BigDecimal total = BigDecimal.ZERO;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            int unit = UNITS.indexOf(entry.getKey());
            if (unit < 0) {
                throw new NotAPeriod("extra keys not allowed @ data[" + Py.repr(entry.getKey()) + "]");
            }
            Double amount = entry.getValue() instanceof String text ? PyNumbers.parseFloat(text)
                : Py.isNumber(entry.getValue()) ? Py.toDouble(entry.getValue()) : null;
            if (amount == null) {
                throw new NotAPeriod("expected float @ data[" + Py.repr(entry.getKey()) + "]");
            }
            total = total.add(exactMicros(amount, UNIT_MICROS[unit]));
        }
        if (map.isEmpty()) {
            throw new NotAPeriod("must contain at least one of " + String.join(", ", UNITS) + ".");
        }
        return toMicros(total);
    }

    private static BigDecimal exactMicros(double amount, long unitMicros) throws NotAPeriod {
        if (!Double.isFinite(amount)) {
            throw new NotAPeriod("cannot convert float " + PythonRepr.pythonFloat(amount) + " to integer");
        }
        return new BigDecimal(amount).multiply(BigDecimal.valueOf(unitMicros));
    }

    private static long toMicros(BigDecimal micros) throws NotAPeriod {
        if (micros.abs().compareTo(MAX_MICROS) > 0) {
            throw new NotAPeriod("days=" + micros.divideToIntegralValue(BigDecimal.valueOf(UNIT_MICROS[0]))
                + "; must have magnitude <= 999999999");
        }
        return micros.setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }
}
