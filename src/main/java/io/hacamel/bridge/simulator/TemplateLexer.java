package io.hacamel.bridge.simulator;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jinja's lexer for the part of the language the simulator renders: text, {@code {{ }}} and {@code {# #}}. Tokens
 * are made on demand, so a lexing error surfaces where Jinja's parser would meet it, with Jinja's message.
 */
final class TemplateLexer {

    record Token(String type, Object value) {

        boolean is(String expectedType) {
            return type.equals(expectedType);
        }

        boolean isName(String name) {
            return type.equals("name") && value.equals(name);
        }
    }

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern VARIABLE_END = Pattern.compile("-}}\\s*|}}");
    private static final Pattern FLOAT = Pattern.compile(
        "(?<!\\.)(\\d+_)*\\d+((\\.(\\d+_)*\\d+)?e[+\\-]?(\\d+_)*\\d+|\\.(\\d+_)*\\d+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern INTEGER = Pattern.compile(
        "0b(_?[0-1])+|0o(_?[0-7])+|0x(_?[\\da-f])+|[1-9](_?\\d)*|0(_?0)*", Pattern.CASE_INSENSITIVE);
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern STRING =
        Pattern.compile("'([^'\\\\]*(?:\\\\.[^'\\\\]*)*)'|\"([^\"\\\\]*(?:\\\\.[^\"\\\\]*)*)\"", Pattern.DOTALL);
    private static final List<String> OPERATORS = List.of("//", "**", "==", "!=", ">=", "<=", "+", "-", "/", "*",
        "%", "~", "[", "]", "(", ")", "{", "}", ">", "<", "=", ".", ":", "|", ",", ";");
    private static final Map<String, String> OPERATOR_TYPES = Map.ofEntries(Map.entry("//", "floordiv"),
        Map.entry("**", "pow"), Map.entry("==", "eq"), Map.entry("!=", "ne"), Map.entry(">=", "gteq"),
        Map.entry("<=", "lteq"), Map.entry("+", "add"), Map.entry("-", "sub"), Map.entry("/", "div"),
        Map.entry("*", "mul"), Map.entry("%", "mod"), Map.entry("~", "tilde"), Map.entry("[", "lbracket"),
        Map.entry("]", "rbracket"), Map.entry("(", "lparen"), Map.entry(")", "rparen"), Map.entry("{", "lbrace"),
        Map.entry("}", "rbrace"), Map.entry(">", "gt"), Map.entry("<", "lt"), Map.entry("=", "assign"),
        Map.entry(".", "dot"), Map.entry(":", "colon"), Map.entry("|", "pipe"), Map.entry(",", "comma"),
        Map.entry(";", "semicolon"));
    private static final Map<String, String> DESCRIPTIONS = Map.of("variable_begin", "begin of print statement",
        "variable_end", "end of print statement", "data", "template data / text", "eof", "end of template");

    private final String source;
    private final Deque<Token> pending = new ArrayDeque<>();
    private final Deque<String> balancing = new ArrayDeque<>();
    private boolean inVariable;
    private int pos;

    TemplateLexer(String source) {
        this.source = source;
    }

    /** Jinja's {@code describe_token}: a name as itself, anything else by its kind. */
    static String describe(Token token) {
        return token.is("name") ? (String) token.value() : describeType(token.type());
    }

    static String describeType(String type) {
        for (Map.Entry<String, String> operator : OPERATOR_TYPES.entrySet()) {
            if (operator.getValue().equals(type)) {
                return operator.getKey();
            }
        }
        return DESCRIPTIONS.getOrDefault(type, type);
    }

    Token next() {
        if (!pending.isEmpty()) {
            return pending.poll();
        }
        return inVariable ? nextInVariable() : nextInText();
    }

    private Token nextInText() {
        while (pos < source.length()) {
            int start = source.indexOf('{', pos);
            while (start >= 0 && start + 1 < source.length() && "{%#".indexOf(source.charAt(start + 1)) < 0) {
                start = source.indexOf('{', start + 1);
            }
            if (start < 0 || start + 1 >= source.length()) {
                String data = source.substring(pos);
                pos = source.length();
                return new Token("data", data);
            }
            boolean trimBefore = start + 2 < source.length() && source.charAt(start + 2) == '-';
            String data = source.substring(pos, start);
            if (trimBefore) {
                data = data.stripTrailing();
            }
            char kind = source.charAt(start + 1);
            pos = start + (trimBefore ? 3 : 2);
            if (kind == '%') {
                throw TemplateException.limit("a statement ({% ... %})");
            }
            if (kind == '#') {
                skipComment();
                if (!data.isEmpty()) {
                    return new Token("data", data);
                }
                continue;
            }
            inVariable = true;
            Token begin = new Token("variable_begin", null);
            if (data.isEmpty()) {
                return begin;
            }
            pending.add(begin);
            return new Token("data", data);
        }
        return new Token("eof", null);
    }

    private void skipComment() {
        int end = source.indexOf("#}", pos);
        if (end < 0) {
            throw TemplateException.syntax("Missing end of comment tag");
        }
        boolean trimAfter = end > pos && source.charAt(end - 1) == '-';
        pos = end + 2;
        if (trimAfter) {
            while (pos < source.length() && Character.isWhitespace(source.charAt(pos))) {
                pos++;
            }
        }
    }

    private Token nextInVariable() {
        while (true) {
            if (pos >= source.length()) {
                return new Token("eof", null);
            }
            if (balancing.isEmpty() && matches(VARIABLE_END) != null) {
                inVariable = false;
                pos += matches(VARIABLE_END).length();
                return new Token("variable_end", null);
            }
            String text = matches(WHITESPACE);
            if (text != null) {
                pos += text.length();
                continue;
            }
            if ((text = matches(FLOAT)) != null) {
                pos += text.length();
                return new Token("float", Double.valueOf(text.replace("_", "")));
            }
            if ((text = matches(INTEGER)) != null) {
                pos += text.length();
                return new Token("integer", integer(text.replace("_", "").toLowerCase()));
            }
            if ((text = matches(NAME)) != null) {
                pos += text.length();
                return new Token("name", text);
            }
            if ((text = matches(STRING)) != null) {
                pos += text.length();
                return new Token("string", unescape(text.substring(1, text.length() - 1)));
            }
            return operator();
        }
    }

    private Token operator() {
        for (String operator : OPERATORS) {
            if (source.startsWith(operator, pos)) {
                balance(operator);
                pos += operator.length();
                return new Token(OPERATOR_TYPES.get(operator), operator);
            }
        }
        throw TemplateException.syntax("unexpected char " + PythonRepr.string(String.valueOf(source.charAt(pos)))
            + " at " + pos);
    }

    /** Jinja keeps brackets balanced while lexing; "}}" inside brackets is two braces, not the end. */
    private void balance(String operator) {
        switch (operator) {
            case "(" -> balancing.push(")");
            case "[" -> balancing.push("]");
            case "{" -> balancing.push("}");
            case ")", "]", "}" -> {
                if (balancing.isEmpty()) {
                    throw TemplateException.syntax("unexpected '" + operator + "'");
                }
                String expected = balancing.pop();
                if (!expected.equals(operator)) {
                    throw TemplateException.syntax("unexpected '" + operator + "', expected '" + expected + "'");
                }
            }
            default -> {
            }
        }
    }

    private String matches(Pattern pattern) {
        Matcher matcher = pattern.matcher(source).region(pos, source.length()).useTransparentBounds(true);
        return matcher.lookingAt() ? matcher.group() : null;
    }

    private static BigInteger integer(String digits) {
        if (digits.length() > 2 && digits.charAt(0) == '0' && "box".indexOf(digits.charAt(1)) >= 0) {
            int radix = digits.charAt(1) == 'b' ? 2 : digits.charAt(1) == 'o' ? 8 : 16;
            return new BigInteger(digits.substring(2), radix);
        }
        return new BigInteger(digits);
    }

    /** Python's unicode-escape decoding, which Jinja applies to string literals. */
    static String unescape(String body) {
        StringBuilder out = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\' || i + 1 >= body.length()) {
                out.append(c);
                continue;
            }
            char escape = body.charAt(++i);
            switch (escape) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'a' -> out.append('\u0007');
                case 'v' -> out.append('\u000b');
                case '\\', '\'', '"' -> out.append(escape);
                case '\n' -> {
                }
                case 'x', 'u', 'U' -> {
                    int length = escape == 'x' ? 2 : escape == 'u' ? 4 : 8;
                    String hex = body.length() >= i + 1 + length ? body.substring(i + 1, i + 1 + length) : "";
                    if (!hex.matches("[0-9a-fA-F]{" + length + "}")) {
                        throw TemplateException.syntax("truncated \\" + escape + "X".repeat(length) + " escape");
                    }
                    out.appendCodePoint(Integer.parseInt(hex, 16));
                    i += length;
                }
                default -> {
                    if (isOctal(escape)) {
                        int end = i;
                        while (end < body.length() && end < i + 3 && isOctal(body.charAt(end))) {
                            end++;
                        }
                        out.append((char) Integer.parseInt(body.substring(i, end), 8));
                        i = end - 1;
                    } else {
                        out.append('\\').append(escape);
                    }
                }
            }
        }
        return out.toString();
    }

    private static boolean isOctal(char c) {
        return c >= '0' && c <= '7';
    }
}
