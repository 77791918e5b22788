package io.hacamel.bridge.simulator;

import io.hacamel.bridge.simulator.TemplateLexer.Token;
import io.hacamel.bridge.simulator.TemplateNode.Binary;
import io.hacamel.bridge.simulator.TemplateNode.Call;
import io.hacamel.bridge.simulator.TemplateNode.CondExpr;
import io.hacamel.bridge.simulator.TemplateNode.Const;
import io.hacamel.bridge.simulator.TemplateNode.Filter;
import io.hacamel.bridge.simulator.TemplateNode.Getattr;
import io.hacamel.bridge.simulator.TemplateNode.Getitem;
import io.hacamel.bridge.simulator.TemplateNode.Name;
import io.hacamel.bridge.simulator.TemplateNode.TupleOf;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Jinja's parser ({@code jinja2/parser.py}) for expressions, method by method, so a template fails where and how
 * Jinja fails. What the simulator cannot render (statements, tests, {@code **}, slices, other functions and filters)
 * is refused with a {@link TemplateException#limit}.
 */
final class TemplateParser {

    static final Set<String> FUNCTIONS = Set.of("states", "state_attr", "is_state");
    static final Set<String> FILTERS = Set.of("int", "float", "round", "lower", "upper");
    private static final Map<String, String> COMPARISONS = Map.of("eq", "==", "ne", "!=", "lt", "<", "lteq", "<=",
        "gt", ">", "gteq", ">=");
    private static final Map<String, String> OPERATORS = Map.of("add", "+", "sub", "-", "mul", "*", "div", "/",
        "floordiv", "//", "mod", "%");

    private final TemplateLexer lexer;
    private Token current;
    private Token lookahead;

    private TemplateParser(String source) {
        this.lexer = new TemplateLexer(source);
        this.current = lexer.next();
    }

    /** The template as text parts ({@link String}) and expressions ({@link TemplateNode}). */
    static List<Object> parse(String source) {
        return new TemplateParser(source).template();
    }

    private List<Object> template() {
        List<Object> body = new ArrayList<>();
        while (!current.is("eof")) {
            if (current.is("data")) {
                body.add(current.value());
                advance();
            } else {
                advance(); // variable_begin
                body.add(parseTuple(false));
                expect("variable_end");
            }
        }
        return body;
    }

    // ---- the token stream ----

    private Token advance() {
        Token previous = current;
        current = lookahead != null ? lookahead : lexer.next();
        lookahead = null;
        return previous;
    }

    private Token look() {
        if (lookahead == null) {
            lookahead = lexer.next();
        }
        return lookahead;
    }

    private boolean skipName(String name) {
        if (current.isName(name)) {
            advance();
            return true;
        }
        return false;
    }

    private Token expect(String type) {
        if (!current.is(type)) {
            String expected = TemplateLexer.describeType(type);
            if (current.is("eof")) {
                throw TemplateException.syntax("unexpected end of template, expected '" + expected + "'.");
            }
            throw TemplateException.syntax("expected token '" + expected + "', got '"
                + TemplateLexer.describe(current) + "'");
        }
        return advance();
    }

    private static TemplateException unexpected(Token token) {
        return TemplateException.syntax("unexpected '" + TemplateLexer.describe(token) + "'");
    }

    // ---- expressions, from the loosest binding to the tightest ----

    private TemplateNode parseTuple(boolean explicitParentheses) {
        List<TemplateNode> items = new ArrayList<>();
        boolean isTuple = false;
        while (true) {
            if (!items.isEmpty()) {
                expect("comma");
            }
            if (current.is("variable_end") || current.is("rparen")) {
                break;
            }
            items.add(parseExpression());
            if (!current.is("comma")) {
                break;
            }
            isTuple = true;
        }
        if (!isTuple) {
            if (!items.isEmpty()) {
                return items.get(0);
            }
            if (!explicitParentheses) {
                throw TemplateException.syntax("Expected an expression, got '" + TemplateLexer.describe(current) + "'");
            }
        }
        return new TupleOf(items);
    }

    private TemplateNode parseExpression() {
        TemplateNode expression = parseOr();
        while (skipName("if")) {
            TemplateNode test = parseOr();
            TemplateNode otherwise = skipName("else") ? parseExpression() : null;
            expression = new CondExpr(test, expression, otherwise);
        }
        return expression;
    }

    private TemplateNode parseOr() {
        TemplateNode left = parseAnd();
        while (skipName("or")) {
            left = new TemplateNode.Logic(false, left, parseAnd());
        }
        return left;
    }

    private TemplateNode parseAnd() {
        TemplateNode left = parseNot();
        while (skipName("and")) {
            left = new TemplateNode.Logic(true, left, parseNot());
        }
        return left;
    }

    private TemplateNode parseNot() {
        if (skipName("not")) {
            return new TemplateNode.Unary("not", parseNot());
        }
        return parseCompare();
    }

    private TemplateNode parseCompare() {
        TemplateNode first = parseMath1();
        List<String> operators = new ArrayList<>();
        List<TemplateNode> operands = new ArrayList<>();
        while (true) {
            if (COMPARISONS.containsKey(current.type())) {
                operators.add(COMPARISONS.get(advance().type()));
            } else if (skipName("in")) {
                operators.add("in");
            } else if (current.isName("not") && look().isName("in")) {
                advance();
                advance();
                operators.add("notin");
            } else {
                break;
            }
            operands.add(parseMath1());
        }
        return operators.isEmpty() ? first : new TemplateNode.Compare(first, operators, operands);
    }

    private TemplateNode parseMath1() {
        TemplateNode left = parseConcat();
        while (current.is("add") || current.is("sub")) {
            String operator = OPERATORS.get(advance().type());
            left = new Binary(operator, left, parseConcat());
        }
        return left;
    }

    private TemplateNode parseConcat() {
        List<TemplateNode> parts = new ArrayList<>(List.of(parseMath2()));
        while (current.is("tilde")) {
            advance();
            parts.add(parseMath2());
        }
        return parts.size() == 1 ? parts.get(0) : new TemplateNode.Concat(parts);
    }

    private TemplateNode parseMath2() {
        TemplateNode left = parsePow();
        while (current.is("mul") || current.is("div") || current.is("floordiv") || current.is("mod")) {
            String operator = OPERATORS.get(advance().type());
            left = new Binary(operator, left, parsePow());
        }
        return left;
    }

    private TemplateNode parsePow() {
        TemplateNode left = parseUnary(true);
        if (current.is("pow")) {
            throw TemplateException.limit("the operator '**'");
        }
        return left;
    }

    private TemplateNode parseUnary(boolean withFilter) {
        TemplateNode node;
        if (current.is("sub") || current.is("add")) {
            String operator = advance().is("sub") ? "-" : "+";
            node = new TemplateNode.Unary(operator, parseUnary(false));
        } else {
            node = parsePrimary();
        }
        node = parsePostfix(node);
        return withFilter ? parseFilterExpression(node) : node;
    }

    private TemplateNode parsePrimary() {
        Token token = current;
        if (token.is("name")) {
            advance();
            String name = (String) token.value();
            return switch (name) {
                case "true", "True" -> new Const(Boolean.TRUE);
                case "false", "False" -> new Const(Boolean.FALSE);
                case "none", "None" -> new Const(null);
                default -> new Name(name);
            };
        }
        if (token.is("string")) {
            StringBuilder text = new StringBuilder((String) advance().value());
            while (current.is("string")) {
                text.append((String) advance().value());
            }
            return new Const(text.toString());
        }
        if (token.is("integer") || token.is("float")) {
            return new Const(advance().value());
        }
        if (token.is("lparen")) {
            advance();
            TemplateNode inner = parseTuple(true);
            expect("rparen");
            return inner;
        }
        if (token.is("lbracket")) {
            return new TemplateNode.ListOf(parseItems("rbracket", false, null));
        }
        if (token.is("lbrace")) {
            List<TemplateNode> keys = new ArrayList<>();
            List<TemplateNode> values = parseItems("rbrace", true, keys);
            return new TemplateNode.DictOf(keys, values);
        }
        throw unexpected(token);
    }

    /** The items of a list, or the values of a dict with its keys put in {@code keys}. */
    private List<TemplateNode> parseItems(String closing, boolean dict, List<TemplateNode> keys) {
        advance();
        List<TemplateNode> items = new ArrayList<>();
        while (!current.is(closing)) {
            if (!items.isEmpty()) {
                expect("comma");
            }
            if (current.is(closing)) {
                break;
            }
            if (dict) {
                keys.add(parseExpression());
                expect("colon");
            }
            items.add(parseExpression());
        }
        expect(closing);
        return items;
    }

    private TemplateNode parsePostfix(TemplateNode node) {
        while (true) {
            if (current.is("dot") || current.is("lbracket")) {
                node = parseSubscript(node);
            } else if (current.is("lparen")) {
                node = parseCall(node);
            } else {
                return node;
            }
        }
    }

    private TemplateNode parseFilterExpression(TemplateNode node) {
        while (true) {
            if (current.is("pipe")) {
                node = parseFilter(node);
            } else if (current.isName("is")) {
                throw TemplateException.limit("the test '" + TemplateLexer.describe(look()) + "' (x is ...)");
            } else if (current.is("lparen")) {
                node = parseCall(node);
            } else {
                return node;
            }
        }
    }

    private TemplateNode parseSubscript(TemplateNode node) {
        Token token = advance();
        if (token.is("dot")) {
            Token attribute = advance();
            if (attribute.is("name")) {
                return new Getattr(node, (String) attribute.value());
            }
            if (!attribute.is("integer")) {
                throw TemplateException.syntax("expected name or number");
            }
            return new Getitem(node, new Const(attribute.value()));
        }
        List<TemplateNode> keys = new ArrayList<>();
        while (!current.is("rbracket")) {
            if (!keys.isEmpty()) {
                expect("comma");
            }
            if (current.is("colon")) {
                throw TemplateException.limit("slicing (x[a:b])");
            }
            keys.add(parseExpression());
            if (current.is("colon")) {
                throw TemplateException.limit("slicing (x[a:b])");
            }
        }
        expect("rbracket");
        return new Getitem(node, keys.size() == 1 ? keys.get(0) : new TupleOf(keys));
    }

    private TemplateNode parseCall(TemplateNode callee) {
        if (!(callee instanceof Name name) || !FUNCTIONS.contains(name.name())) {
            throw TemplateException.limit(callee instanceof Name name
                ? "the function '" + name.name() + "'" : "calling methods or values");
        }
        Map<String, TemplateNode> kwargs = new LinkedHashMap<>();
        return new Call(name.name(), parseCallArguments(kwargs), kwargs);
    }

    private TemplateNode parseFilter(TemplateNode node) {
        while (current.is("pipe")) {
            advance();
            String name = (String) expect("name").value();
            while (current.is("dot")) {
                advance();
                name += "." + expect("name").value();
            }
            if (!FILTERS.contains(name)) {
                throw TemplateException.limit("the filter '" + name + "'");
            }
            Map<String, TemplateNode> kwargs = new LinkedHashMap<>();
            List<TemplateNode> args = current.is("lparen") ? parseCallArguments(kwargs) : List.of();
            node = new Filter(node, name, args, kwargs);
        }
        return node;
    }

    private List<TemplateNode> parseCallArguments(Map<String, TemplateNode> kwargs) {
        expect("lparen");
        List<TemplateNode> args = new ArrayList<>();
        boolean requireComma = false;
        while (!current.is("rparen")) {
            if (requireComma) {
                expect("comma");
                if (current.is("rparen")) {
                    break;
                }
            }
            if (current.is("mul") || current.is("pow")) {
                throw TemplateException.limit("*args and **kwargs");
            }
            if (current.is("name") && look().is("assign")) {
                String key = (String) advance().value();
                advance();
                kwargs.put(key, parseExpression());
            } else {
                if (!kwargs.isEmpty()) {
                    throw TemplateException.syntax("invalid syntax for function call expression");
                }
                args.add(parseExpression());
            }
            requireComma = true;
        }
        expect("rparen");
        return args;
    }
}
