package io.hacamel.bridge.simulator;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A template as Home Assistant's {@code Template} class treats it: text without Jinja delimiters is static, anything
 * else is compiled (a syntax error fails at once) and rendered, its output stripped and typed.
 */
final class HaTemplate {

    /** One render, Home Assistant's {@code RenderInfo}: the result or the error, and the entities it read. */
    record Rendered(Object result, Set<String> entities, TemplateException error) {
    }

    private final String text;
    private final List<Object> body;

    private HaTemplate(String text, List<Object> body) {
        this.text = text;
        this.body = body;
    }

    /** {@code Template(text).ensure_valid()}. */
    static HaTemplate compile(String template) {
        String text = template.strip();
        if (!isTemplate(text)) {
            return new HaTemplate(text, null);
        }
        try {
            return new HaTemplate(text, TemplateParser.parse(text));
        } catch (StackOverflowError e) {
            throw TemplateException.python("RecursionError", "maximum recursion depth exceeded");
        }
    }

    /** Home Assistant's {@code is_template_string}. */
    static boolean isTemplate(String text) {
        return text.contains("{{") || text.contains("{%") || text.contains("{#");
    }

    boolean isStatic() {
        return body == null;
    }

    /**
     * {@code async_render_to_info}: a static template's result is its text, untyped; an error is kept, with the
     * entities read before it.
     */
    Rendered renderToInfo(Function<String, EntityState> states, Map<String, Object> variables, boolean strict) {
        if (isStatic()) {
            return new Rendered(text, Set.of(), null);
        }
        TemplateEvaluator evaluator = new TemplateEvaluator(text, states, variables, strict);
        try {
            return new Rendered(PyLiteral.parseResult(render(evaluator)), evaluator.entities(), null);
        } catch (TemplateException e) {
            return new Rendered(null, evaluator.entities(), e);
        }
    }

    /** {@code async_render}: a static template's text is typed too. */
    Object render(Function<String, EntityState> states, Map<String, Object> variables) {
        if (isStatic()) {
            return PyLiteral.parseResult(text);
        }
        return PyLiteral.parseResult(render(new TemplateEvaluator(text, states, variables, false)));
    }

    private String render(TemplateEvaluator evaluator) {
        try {
            return evaluator.render(body).strip();
        } catch (ArithmeticException e) {
            throw TemplateException.python("OverflowError", "Python int too large to convert to C ssize_t");
        } catch (StackOverflowError e) {
            throw TemplateException.python("RecursionError", "maximum recursion depth exceeded");
        }
    }
}
