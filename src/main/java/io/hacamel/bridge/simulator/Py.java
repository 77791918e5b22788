package io.hacamel.bridge.simulator;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The values a template computes with, and Python's rules for them: {@code str()}, {@code repr()}, truth and
 * equality. None is {@code null}, int a {@link BigInteger}, float a {@link Double}, str a {@link String}, list a
 * {@link List}, dict a {@link Map}; the records below are the rest. Arithmetic and ordering are in {@link PyOps}.
 */
final class Py {

    /** A tuple. */
    record Tuple(List<Object> items) {
    }

    /**
     * Jinja's {@code Undefined}: a name or attribute that is not there. It prints as nothing and is false, but any
     * arithmetic or ordering with it fails with {@code message}; under {@code strict} everything fails.
     */
    record Undefined(String message, boolean strict) {

        TemplateException error() {
            return TemplateException.python("UndefinedError", message);
        }
    }

    /** The template's {@code states} object. */
    enum AllStates { INSTANCE }

    /** {@code states.<domain>}. */
    record DomainStates(String domain) {
    }

    /** A value the simulator passes along but cannot compute with (a timedelta, a datetime). */
    record Opaque(String what) {
    }

    /** The attributes of a state, a {@code ReadOnlyDict} in Home Assistant. */
    static final class ReadOnlyDict extends LinkedHashMap<Object, Object> {

        private static final long serialVersionUID = 1L;
    }

    /** A state object in a template ({@code states.light.x}, Home Assistant's {@code TemplateState}). */
    record StateObject(EntityState state) {
    }

    private Py() {
    }

    static String typeName(Object value) {
        if (value == null) {
            return "NoneType";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        if (value instanceof BigInteger) {
            return "int";
        }
        if (value instanceof Double) {
            return "float";
        }
        if (value instanceof String) {
            return "str";
        }
        if (value instanceof List) {
            return "list";
        }
        if (value instanceof ReadOnlyDict) {
            return "ReadOnlyDict";
        }
        if (value instanceof Map) {
            return "dict";
        }
        if (value instanceof Tuple) {
            return "tuple";
        }
        if (value instanceof StateObject) {
            return "TemplateState";
        }
        return value.getClass().getSimpleName();
    }

    /** Jinja's {@code object_type_repr}, which its messages about missing attributes use. */
    static String objectTypeRepr(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof StateObject) {
            return "homeassistant.helpers.template.TemplateState object";
        }
        if (value instanceof ReadOnlyDict) {
            return "homeassistant.util.read_only_dict.ReadOnlyDict object";
        }
        if (value instanceof DomainStates) {
            return "homeassistant.helpers.template.DomainStates object";
        }
        return typeName(value) + " object";
    }

    /** {@code str(value)}: what {@code {{ value }}} prints. */
    static String str(Object value) {
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof Undefined undefined) {
            if (undefined.strict()) {
                throw undefined.error();
            }
            return "";
        }
        return repr(value);
    }

    static String repr(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof Boolean bool) {
            return bool ? "True" : "False";
        }
        if (value instanceof BigInteger) {
            return value.toString();
        }
        if (value instanceof Double number) {
            return PythonRepr.pythonFloat(number);
        }
        if (value instanceof String text) {
            return PythonRepr.string(text);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Py::repr).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof Tuple tuple) {
            String inner = tuple.items().stream().map(Py::repr).collect(Collectors.joining(", "));
            return "(" + inner + (tuple.items().size() == 1 ? ",)" : ")");
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> repr(e.getKey()) + ": " + repr(e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
        }
        if (value instanceof Undefined) {
            return "Undefined";
        }
        if (value instanceof AllStates) {
            return "<template AllStates>";
        }
        if (value instanceof DomainStates domain) {
            return "<template DomainStates('" + domain.domain() + "')>";
        }
        if (value instanceof Opaque opaque) {
            throw TemplateException.limit("using " + opaque.what());
        }
        throw TemplateException.limit("printing a whole state object");
    }

    static boolean truthy(Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean bool) {
            return bool;
        }
        if (value instanceof BigInteger number) {
            return number.signum() != 0;
        }
        if (value instanceof Double number) {
            return number != 0;
        }
        if (value instanceof String text) {
            return !text.isEmpty();
        }
        if (value instanceof List<?> list) {
            return !list.isEmpty();
        }
        if (value instanceof Map<?, ?> map) {
            return !map.isEmpty();
        }
        if (value instanceof Tuple tuple) {
            return !tuple.items().isEmpty();
        }
        if (value instanceof Undefined undefined) {
            if (undefined.strict()) {
                throw undefined.error();
            }
            return false;
        }
        return true;
    }

    static boolean isNumber(Object value) {
        return value instanceof Boolean || value instanceof BigInteger || value instanceof Double;
    }

    /** An int, with bool as 0 or 1 as Python treats it. */
    static BigInteger toInt(Object value) {
        return value instanceof Boolean bool ? (bool ? BigInteger.ONE : BigInteger.ZERO) : (BigInteger) value;
    }

    static double toDouble(Object value) {
        return value instanceof Double number ? number : toInt(value).doubleValue();
    }

    /** {@code a == b}. */
    static boolean equal(Object a, Object b) {
        if (a instanceof Undefined undefined) {
            return failIfStrict(undefined, b instanceof Undefined);
        }
        if (b instanceof Undefined undefined) {
            return failIfStrict(undefined, false);
        }
        if (a == null || b == null) {
            return a == b;
        }
        if (isNumber(a) && isNumber(b)) {
            return compareNumbers(a, b) == 0;
        }
        if (a instanceof List<?> left && b instanceof List<?> right) {
            return equalItems(left, right);
        }
        if (a instanceof Tuple left && b instanceof Tuple right) {
            return equalItems(left.items(), right.items());
        }
        if (a instanceof Map<?, ?> left && b instanceof Map<?, ?> right) {
            if (left.size() != right.size()) {
                return false;
            }
            for (Map.Entry<?, ?> entry : left.entrySet()) {
                if (!right.containsKey(entry.getKey()) || !equal(entry.getValue(), right.get(entry.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof StateObject || b instanceof StateObject) {
            return false; // State.__eq__ only accepts another plain State
        }
        return a.equals(b);
    }

    /** Compares two numbers (bool, int or float); NaN compares unequal to everything. */
    static int compareNumbers(Object a, Object b) {
        if (a instanceof Double || b instanceof Double) {
            double left = toDouble(a);
            double right = toDouble(b);
            if (Double.isNaN(left) || Double.isNaN(right)) {
                return 2;
            }
            if (Double.isInfinite(left) || Double.isInfinite(right)) {
                return Double.compare(left, right);
            }
            BigDecimal exactLeft = a instanceof Double ? new BigDecimal(left) : new BigDecimal(toInt(a));
            BigDecimal exactRight = b instanceof Double ? new BigDecimal(right) : new BigDecimal(toInt(b));
            return exactLeft.compareTo(exactRight);
        }
        return toInt(a).compareTo(toInt(b));
    }

    /** {@code needle in haystack}. */
    static boolean contains(Object haystack, Object needle) {
        if (haystack instanceof String text) {
            if (!(needle instanceof String part)) {
                throw TemplateException.python("TypeError",
                    "'in <string>' requires string as left operand, not " + typeName(needle));
            }
            return text.contains(part);
        }
        Iterable<?> items = haystack instanceof List<?> list ? list
            : haystack instanceof Tuple tuple ? tuple.items()
            : haystack instanceof Map<?, ?> map ? new ArrayList<>(map.keySet()) : null;
        if (haystack instanceof Undefined undefined) {
            return failIfStrict(undefined, false); // an empty iteration
        }
        if (items == null) {
            throw TemplateException.python("TypeError",
                "argument of type '" + typeName(haystack) + "' is not iterable");
        }
        for (Object item : items) {
            if (equal(item, needle)) {
                return true;
            }
        }
        return false;
    }

    private static boolean equalItems(List<?> left, List<?> right) {
        if (left.size() != right.size()) {
            return false;
        }
        Iterator<?> other = right.iterator();
        for (Object item : left) {
            if (!equal(item, other.next())) {
                return false;
            }
        }
        return true;
    }

    private static boolean failIfStrict(Undefined undefined, boolean answer) {
        if (undefined.strict()) {
            throw undefined.error();
        }
        return answer;
    }
}
