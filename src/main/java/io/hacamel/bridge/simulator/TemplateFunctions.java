package io.hacamel.bridge.simulator;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The functions ({@code states}, {@code state_attr}, {@code is_state}) and filters ({@code int}, {@code float},
 * {@code round}, {@code lower}, {@code upper}) the simulator renders, as Home Assistant 2023.6 defines them,
 * with Python's messages for wrong arguments.
 */
final class TemplateFunctions {

    /** Python's "no default given" sentinel. */
    private static final Object NONE_GIVEN = new Object();

    private record Signature(String name, List<String> parameters, int required, int implicit) {
    }

    private static final Map<String, Signature> SIGNATURES = Map.of(
        "states", new Signature("AllStates.__call__", List.of("entity_id"), 1, 1),
        "state_attr", new Signature("state_attr", List.of("entity_id", "name"), 2, 1),
        "is_state", new Signature("is_state", List.of("entity_id", "state"), 2, 1),
        "int", new Signature("forgiving_int_filter", List.of("value", "default", "base"), 1, 0),
        "float", new Signature("forgiving_float_filter", List.of("value", "default"), 1, 0),
        "round", new Signature("forgiving_round", List.of("value", "precision", "method", "default"), 1, 0),
        "lower", new Signature("do_lower", List.of("s"), 1, 0),
        "upper", new Signature("do_upper", List.of("s"), 1, 0));

    private TemplateFunctions() {
    }

    static Object call(TemplateEvaluator render, String function, List<Object> args, Map<String, Object> kwargs) {
        Object[] bound = bind(SIGNATURES.get(function), args, kwargs);
        EntityState entity = stateOf(render, bound[0]);
        switch (function) {
            case "states":
                return entity == null ? "unknown" : entity.state();
            case "state_attr":
                if (entity == null) {
                    return null;
                }
                if (bound[1] instanceof List || bound[1] instanceof Map) {
                    throw TemplateException.python("TypeError", "unhashable type: '" + Py.typeName(bound[1]) + "'");
                }
                return PyJson.attributes(entity).get(bound[1]);
            default:
                return entity != null && (Py.equal(entity.state(), bound[1])
                    || bound[1] instanceof List<?> options && Py.contains(options, entity.state()));
        }
    }

    static Object filter(TemplateEvaluator render, String name, Object value, List<Object> args,
                         Map<String, Object> kwargs) {
        List<Object> all = new ArrayList<>(args.size() + 1);
        all.add(value);
        all.addAll(args);
        Object[] bound = bind(SIGNATURES.get(name), all, kwargs);
        return switch (name) {
            case "int" -> toInt(render, value, bound[1], bound[2]);
            case "float" -> toFloat(render, value, bound[1]);
            case "round" -> round(render, value, bound[1], bound[2], bound[3]);
            case "lower" -> Py.str(value).toLowerCase(Locale.ROOT);
            default -> Py.str(value).toUpperCase(Locale.ROOT);
        };
    }

    /** {@code hass.states.get(entity_id)}, which needs a string. */
    private static EntityState stateOf(TemplateEvaluator render, Object entityId) {
        if (entityId instanceof Py.Undefined undefined) {
            throw undefined.error();
        }
        if (!(entityId instanceof String id)) {
            throw TemplateException.python("AttributeError",
                "'" + Py.typeName(entityId) + "' object has no attribute 'lower'");
        }
        return render.state(id);
    }

    /** Jinja's {@code do_int} inside Home Assistant's {@code forgiving_int_filter}. */
    private static Object toInt(TemplateEvaluator render, Object value, Object fallback, Object base) {
        try {
            if (value instanceof String text) {
                int radix = base == NONE_GIVEN ? 10 : Py.toInt(base).intValueExact();
                BigInteger parsed = radix == 10 ? PyNumbers.parseInt(text) : parseRadix(text, radix);
                if (parsed != null) {
                    return parsed;
                }
            } else {
                return PyNumbers.toInt(value);
            }
        } catch (PyNumbers.NotANumber e) {
            // do_int then tries int(float(value))
        }
        try {
            return PyNumbers.truncate(PyNumbers.toFloat(value));
        } catch (PyNumbers.NotANumber e) {
            return orDefault(render, "int", value, fallback);
        }
    }

    private static BigInteger parseRadix(String text, int radix) {
        String digits = text.strip().replace("_", "").toLowerCase(Locale.ROOT);
        String prefix = radix == 16 ? "0x" : radix == 8 ? "0o" : radix == 2 ? "0b" : null;
        if (prefix != null && digits.replaceFirst("^[+-]", "").startsWith(prefix)) {
            digits = digits.replaceFirst(prefix, "");
        }
        try {
            return new BigInteger(digits, radix);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Object toFloat(TemplateEvaluator render, Object value, Object fallback) {
        try {
            return PyNumbers.toFloat(value);
        } catch (PyNumbers.NotANumber e) {
            return orDefault(render, "float", value, fallback);
        }
    }

    /** Home Assistant's {@code forgiving_round}: Python's round (half to even), or ceil, floor or half. */
    private static Object round(TemplateEvaluator render, Object value, Object precisionArgument, Object method,
                                Object fallback) {
        Object precisionValue = precisionArgument == NONE_GIVEN ? BigInteger.ZERO : precisionArgument;
        if (!(precisionValue instanceof BigInteger || precisionValue instanceof Boolean)) {
            return orDefault(render, "round", value, fallback);
        }
        int precision = Py.toInt(precisionValue).intValueExact();
        double rounded;
        try {
            double number = PyNumbers.toFloat(value);
            String how = method == NONE_GIVEN ? "common" : Py.str(method);
            double multiplier = Math.pow(10, precision);
            rounded = switch (how) {
                case "ceil" -> PyNumbers.truncate(Math.ceil(number * multiplier)).doubleValue() / multiplier;
                case "floor" -> PyNumbers.truncate(Math.floor(number * multiplier)).doubleValue() / multiplier;
                case "half" -> roundToInt(number * 2).doubleValue() / 2;
                default -> Double.isFinite(number)
                    ? new BigDecimal(number).setScale(precision, RoundingMode.HALF_EVEN).doubleValue() : number;
            };
            return precision == 0 ? PyNumbers.truncate(rounded) : rounded;
        } catch (PyNumbers.NotANumber e) {
            return orDefault(render, "round", value, fallback);
        }
    }

    /** Python's {@code round(x)}: half to even, to an int. */
    private static BigInteger roundToInt(double number) throws PyNumbers.NotANumber {
        PyNumbers.truncate(number); // NaN and infinity fail as in Python
        return new BigDecimal(number).setScale(0, RoundingMode.HALF_EVEN).toBigInteger();
    }

    /** The default when one was given, else Home Assistant's {@code raise_no_default}. */
    private static Object orDefault(TemplateEvaluator render, String function, Object value, Object fallback) {
        if (fallback != NONE_GIVEN) {
            return fallback;
        }
        throw TemplateException.python("ValueError", "Template error: " + function + " got invalid input '"
            + Py.str(value) + "' when rendering template '" + render.template() + "' but no default was specified");
    }

    /** Python's binding of arguments to parameters, with its TypeError messages; absent ones are NONE_GIVEN. */
    private static Object[] bind(Signature signature, List<Object> args, Map<String, Object> kwargs) {
        List<String> parameters = signature.parameters();
        Object[] bound = new Object[parameters.size()];
        Arrays.fill(bound, NONE_GIVEN);
        if (args.size() > parameters.size()) {
            int most = parameters.size() + signature.implicit();
            int least = signature.required() + signature.implicit();
            String takes = least == most ? Integer.toString(most) : "from " + least + " to " + most;
            throw typeError(signature, "takes " + takes + " positional argument" + (most == 1 ? "" : "s") + " but "
                + (args.size() + signature.implicit()) + (args.size() + signature.implicit() == 1 ? " was" : " were")
                + " given");
        }
        for (int i = 0; i < args.size(); i++) {
            bound[i] = args.get(i);
        }
        for (Map.Entry<String, Object> kwarg : kwargs.entrySet()) {
            int at = parameters.indexOf(kwarg.getKey());
            if (at < 0) {
                throw typeError(signature, "got an unexpected keyword argument '" + kwarg.getKey() + "'");
            }
            if (bound[at] != NONE_GIVEN) {
                throw typeError(signature, "got multiple values for argument '" + kwarg.getKey() + "'");
            }
            bound[at] = kwarg.getValue();
        }
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < signature.required(); i++) {
            if (bound[i] == NONE_GIVEN) {
                missing.add("'" + parameters.get(i) + "'");
            }
        }
        if (!missing.isEmpty()) {
            String names = missing.size() == 1 ? missing.get(0)
                : String.join(", ", missing.subList(0, missing.size() - 1)) + " and " + missing.get(missing.size() - 1);
            throw typeError(signature, "missing " + missing.size() + " required positional argument"
                + (missing.size() == 1 ? "" : "s") + ": " + names);
        }
        return bound;
    }

    private static TemplateException typeError(Signature signature, String message) {
        return TemplateException.python("TypeError", signature.name() + "() " + message);
    }
}
