package io.hacamel.bridge.simulator;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Home Assistant's typing of a rendered template ({@code Template._parse_result}): Python's {@code literal_eval} of
 * the text, kept when it is a number written plainly, a bool, None or a container, else the text itself.
 */
final class PyLiteral {

    private static final Pattern NUMERIC = Pattern.compile("^[+-]?(?!0\\d)\\d*(?:\\.\\d*)?$");
    private static final Pattern NUMBER = Pattern.compile("(0[xX](_?[0-9a-fA-F])+|0[oO](_?[0-7])+|0[bB](_?[01])+"
        + "|(\\d(_?\\d)*(\\.(\\d(_?\\d)*)?)?|\\.\\d(_?\\d)*)([eE][+-]?\\d(_?\\d)*)?)(?<imaginary>[jJ])?");
    private static final Pattern DECIMAL_INT = Pattern.compile("0(_?0)*|[1-9](_?\\d)*");
    private static final Pattern STRING_START = Pattern.compile("([rRuU]?)('|\")");

    /** literal_eval failed: Python raised ValueError, TypeError or SyntaxError. */
    private static final class Malformed extends Exception {

        private static final long serialVersionUID = 1L;

        Malformed() {
            super(null, null, false, false);
        }
    }

    private final String text;
    private int pos;

    private PyLiteral(String text) {
        this.text = text;
    }

    /** The rendered (already stripped) text, typed as Home Assistant types it. */
    static Object parseResult(String rendered) {
        Object value;
        try {
            value = new PyLiteral(rendered).parseAll();
        } catch (Malformed e) {
            return rendered;
        }
        if (value instanceof String) {
            return rendered;
        }
        boolean number = value instanceof BigInteger || value instanceof Double;
        return !number || NUMERIC.matcher(rendered).matches() ? value : rendered;
    }

    private Object parseAll() throws Malformed {
        Object value = expressionList(true);
        skipSpace();
        if (pos != text.length()) {
            throw new Malformed();
        }
        return value;
    }

    /** An expression, or a tuple of them when commas follow (at the top or in parentheses). */
    private Object expressionList(boolean allowTuple) throws Malformed {
        Object first = expression();
        skipSpace();
        if (!allowTuple || !peek(',')) {
            return first;
        }
        List<Object> items = new ArrayList<>(List.of(first));
        while (take(',')) {
            skipSpace();
            if (pos == text.length() || peek(')')) {
                break;
            }
            items.add(expression());
            skipSpace();
        }
        return new Py.Tuple(items);
    }

    private Object expression() throws Malformed {
        skipSpace();
        if (peek('-') || peek('+')) {
            boolean minus = text.charAt(pos++) == '-';
            skipSpace();
            Object number = number();
            if (number == null) {
                throw new Malformed();
            }
            return PyOps.negate(number, minus);
        }
        Object value = atom();
        skipSpace();
        if (peek('+') || peek('-')) {
            throw new Malformed(); // only complex numbers may be added, and those are not kept
        }
        return value;
    }

    private Object atom() throws Malformed {
        if (pos >= text.length()) {
            throw new Malformed();
        }
        if (take('[')) {
            return new ArrayList<>(items(']'));
        }
        if (take('(')) {
            skipSpace();
            if (take(')')) {
                return new Py.Tuple(List.of());
            }
            Object inner = expressionList(true);
            skipSpace();
            expect(')');
            return inner;
        }
        if (take('{')) {
            return braces();
        }
        Matcher quote = STRING_START.matcher(text).region(pos, text.length());
        if (quote.lookingAt()) {
            StringBuilder joined = new StringBuilder();
            do {
                joined.append(string());
                skipSpace();
                quote = STRING_START.matcher(text).region(pos, text.length());
            } while (quote.lookingAt());
            return joined.toString();
        }
        for (String constant : List.of("True", "False", "None")) {
            if (text.startsWith(constant, pos) && !identifierContinues(pos + constant.length())) {
                pos += constant.length();
                return constant.equals("None") ? null : Boolean.valueOf(constant.equals("True"));
            }
        }
        if (text.startsWith("set()", pos)) {
            pos += 5;
            return new LinkedHashSet<>();
        }
        Object number = number();
        if (number == null) {
            throw new Malformed();
        }
        return number;
    }

    private List<Object> items(char closing) throws Malformed {
        List<Object> items = new ArrayList<>();
        skipSpace();
        while (!take(closing)) {
            if (!items.isEmpty()) {
                expect(',');
                skipSpace();
                if (take(closing)) {
                    break;
                }
            }
            items.add(expression());
            skipSpace();
        }
        return items;
    }

    /** A dict or a set; sets become lists when written out, as orjson's default does. */
    private Object braces() throws Malformed {
        skipSpace();
        if (take('}')) {
            return new LinkedHashMap<>();
        }
        int start = pos;
        expression();
        skipSpace();
        boolean dict = peek(':');
        pos = start;
        if (!dict) {
            Set<Object> set = new LinkedHashSet<>();
            for (Object item : items('}')) {
                set.add(hashable(item));
            }
            return set;
        }
        Map<Object, Object> map = new LinkedHashMap<>();
        while (true) {
            Object key = hashable(expression());
            skipSpace();
            expect(':');
            map.put(key, expression());
            skipSpace();
            if (take('}')) {
                return map;
            }
            expect(',');
            skipSpace();
            if (take('}')) {
                return map;
            }
        }
    }

    private String string() throws Malformed {
        boolean raw = Character.toLowerCase(text.charAt(pos)) == 'r';
        if (text.charAt(pos) != '\'' && text.charAt(pos) != '"') {
            pos++;
        }
        char quote = text.charAt(pos++);
        int start = pos;
        while (pos < text.length() && text.charAt(pos) != quote) {
            pos += text.charAt(pos) == '\\' ? 2 : 1;
        }
        if (pos >= text.length()) {
            throw new Malformed();
        }
        String body = text.substring(start, pos++);
        if (body.contains("\n")) {
            throw new Malformed();
        }
        try {
            return raw ? body : TemplateLexer.unescape(body);
        } catch (TemplateException e) {
            throw new Malformed();
        }
    }

    /** A number literal, or null when there is none here; complex numbers are refused. */
    private Object number() throws Malformed {
        Matcher matcher = NUMBER.matcher(text).region(pos, text.length());
        if (!matcher.lookingAt()) {
            return null;
        }
        String literal = matcher.group();
        if (matcher.group("imaginary") != null || identifierContinues(matcher.end())) {
            throw new Malformed();
        }
        pos = matcher.end();
        String digits = literal.replace("_", "").toLowerCase();
        if (digits.startsWith("0x") || digits.startsWith("0o") || digits.startsWith("0b")) {
            int radix = digits.charAt(1) == 'x' ? 16 : digits.charAt(1) == 'o' ? 8 : 2;
            return new BigInteger(digits.substring(2), radix);
        }
        if (digits.contains(".") || digits.contains("e")) {
            return Double.valueOf(digits);
        }
        if (!DECIMAL_INT.matcher(literal).matches()) {
            throw new Malformed(); // leading zeros
        }
        return new BigInteger(digits);
    }

    private static Object hashable(Object key) throws Malformed {
        if (key instanceof List || key instanceof Map || key instanceof Set) {
            throw new Malformed();
        }
        return key;
    }

    private boolean identifierContinues(int at) {
        return at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_');
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private boolean take(char c) {
        if (peek(c)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) throws Malformed {
        if (!take(c)) {
            throw new Malformed();
        }
    }
}
