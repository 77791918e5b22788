package io.hacamel.bridge.simulator;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** Python's arithmetic and ordering on template values, with the error messages of Python 3.11 (HA 2023.6's). */
final class PyOps {

    private PyOps() {
    }

    static Object binary(String operator, Object left, Object right) {
        failIfUndefined(left);
        failIfUndefined(right);
        return switch (operator) {
            case "+" -> add(left, right);
            case "-" -> numeric("-", left, right);
            case "*" -> multiply(left, right);
            case "/" -> divide(left, right);
            case "//" -> numeric("//", left, right);
            case "%" -> numeric("%", left, right);
            default -> throw new IllegalArgumentException(operator);
        };
    }

    static Object negate(Object value, boolean minus) {
        failIfUndefined(value);
        if (!Py.isNumber(value)) {
            throw TemplateException.python("TypeError",
                "bad operand type for unary " + (minus ? "-" : "+") + ": '" + Py.typeName(value) + "'");
        }
        if (value instanceof Double number) {
            return minus ? -number : number;
        }
        return minus ? Py.toInt(value).negate() : Py.toInt(value);
    }

    /** {@code <}, {@code <=}, {@code >}, {@code >=}. */
    static boolean order(String operator, Object left, Object right) {
        failIfUndefined(left);
        failIfUndefined(right);
        int comparison;
        if (Py.isNumber(left) && Py.isNumber(right)) {
            comparison = Py.compareNumbers(left, right);
            if (comparison == 2) {
                return false; // NaN
            }
        } else if (left instanceof String a && right instanceof String b) {
            comparison = a.compareTo(b);
        } else if (left instanceof List<?> a && right instanceof List<?> b) {
            comparison = compareItems(operator, a, b);
        } else if (left instanceof Py.Tuple a && right instanceof Py.Tuple b) {
            comparison = compareItems(operator, a.items(), b.items());
        } else {
            throw TemplateException.python("TypeError", "'" + operator + "' not supported between instances of '"
                + Py.typeName(left) + "' and '" + Py.typeName(right) + "'");
        }
        return switch (operator) {
            case "<" -> comparison < 0;
            case "<=" -> comparison <= 0;
            case ">" -> comparison > 0;
            default -> comparison >= 0;
        };
    }

    private static int compareItems(String operator, List<?> a, List<?> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            if (!Py.equal(a.get(i), b.get(i))) {
                return order("<", a.get(i), b.get(i)) ? -1 : 1;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static Object add(Object left, Object right) {
        if (left instanceof String a && right instanceof String b) {
            return a + b;
        }
        if (left instanceof List<?> a && right instanceof List<?> b) {
            List<Object> joined = new ArrayList<>(a);
            joined.addAll(b);
            return joined;
        }
        if (left instanceof Py.Tuple a && right instanceof Py.Tuple b) {
            List<Object> joined = new ArrayList<>(a.items());
            joined.addAll(b.items());
            return new Py.Tuple(joined);
        }
        if (left instanceof String || left instanceof List || left instanceof Py.Tuple) {
            String type = Py.typeName(left);
            throw TemplateException.python("TypeError",
                "can only concatenate " + type + " (not \"" + Py.typeName(right) + "\") to " + type);
        }
        return numeric("+", left, right);
    }

    private static Object multiply(Object left, Object right) {
        boolean leftSequence = isSequence(left);
        if (leftSequence || isSequence(right)) {
            Object sequence = leftSequence ? left : right;
            Object times = leftSequence ? right : left;
            if (!(times instanceof BigInteger || times instanceof Boolean)) {
                if (isSequence(times) || !Py.isNumber(times)) {
                    throw unsupported("*", left, right);
                }
                throw TemplateException.python("TypeError",
                    "can't multiply sequence by non-int of type '" + Py.typeName(times) + "'");
            }
            return repeat(sequence, Math.max(0, Py.toInt(times).intValueExact()));
        }
        return numeric("*", left, right);
    }

    private static Object repeat(Object sequence, int times) {
        if (sequence instanceof String text) {
            return text.repeat(times);
        }
        List<?> items = sequence instanceof Py.Tuple tuple ? tuple.items() : (List<?>) sequence;
        List<Object> repeated = new ArrayList<>(items.size() * times);
        for (int i = 0; i < times; i++) {
            repeated.addAll(items);
        }
        return sequence instanceof Py.Tuple ? new Py.Tuple(repeated) : repeated;
    }

    private static Object divide(Object left, Object right) {
        if (!Py.isNumber(left) || !Py.isNumber(right)) {
            throw unsupported("/", left, right);
        }
        double divisor = Py.toDouble(right);
        if (divisor == 0) {
            boolean integers = !(left instanceof Double) && !(right instanceof Double);
            throw TemplateException.python("ZeroDivisionError",
                integers ? "division by zero" : "float division by zero");
        }
        return Py.toDouble(left) / divisor;
    }

    private static Object numeric(String operator, Object left, Object right) {
        if (!Py.isNumber(left) || !Py.isNumber(right)) {
            throw unsupported(operator, left, right);
        }
        if (left instanceof Double || right instanceof Double) {
            return floats(operator, Py.toDouble(left), Py.toDouble(right));
        }
        BigInteger a = Py.toInt(left);
        BigInteger b = Py.toInt(right);
        switch (operator) {
            case "+":
                return a.add(b);
            case "-":
                return a.subtract(b);
            case "*":
                return a.multiply(b);
            default:
                if (b.signum() == 0) {
                    throw TemplateException.python("ZeroDivisionError",
                        operator.equals("//") ? "integer division or modulo by zero" : "integer modulo by zero");
                }
                BigInteger[] quotientAndRemainder = a.divideAndRemainder(b);
                BigInteger quotient = quotientAndRemainder[0];
                BigInteger remainder = quotientAndRemainder[1];
                if (remainder.signum() != 0 && remainder.signum() != b.signum()) {
                    quotient = quotient.subtract(BigInteger.ONE); // Python floors
                    remainder = remainder.add(b);
                }
                return operator.equals("//") ? quotient : remainder;
        }
    }

    private static double floats(String operator, double a, double b) {
        switch (operator) {
            case "+":
                return a + b;
            case "-":
                return a - b;
            case "*":
                return a * b;
            default:
                if (b == 0) {
                    throw TemplateException.python("ZeroDivisionError",
                        operator.equals("//") ? "float floor division by zero" : "float modulo");
                }
                double remainder = a % b;
                if (remainder != 0 && (remainder < 0) != (b < 0)) {
                    remainder += b; // Python's modulo takes the divisor's sign
                }
                return operator.equals("//") ? Math.floor((a - remainder) / b) : remainder;
        }
    }

    private static boolean isSequence(Object value) {
        return value instanceof String || value instanceof List || value instanceof Py.Tuple;
    }

    private static TemplateException unsupported(String operator, Object left, Object right) {
        return TemplateException.python("TypeError", "unsupported operand type(s) for " + operator + ": '"
            + Py.typeName(left) + "' and '" + Py.typeName(right) + "'");
    }

    private static void failIfUndefined(Object value) {
        if (value instanceof Py.Undefined undefined) {
            throw undefined.error();
        }
    }
}
