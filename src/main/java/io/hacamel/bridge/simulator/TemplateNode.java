package io.hacamel.bridge.simulator;

import java.util.List;
import java.util.Map;

/** The nodes of a parsed template expression, named after Jinja's. */
sealed interface TemplateNode {

    record Const(Object value) implements TemplateNode {
    }

    record Name(String name) implements TemplateNode {
    }

    record ListOf(List<TemplateNode> items) implements TemplateNode {
    }

    record TupleOf(List<TemplateNode> items) implements TemplateNode {
    }

    record DictOf(List<TemplateNode> keys, List<TemplateNode> values) implements TemplateNode {
    }

    record Getattr(TemplateNode target, String attribute) implements TemplateNode {
    }

    record Getitem(TemplateNode target, TemplateNode key) implements TemplateNode {
    }

    /** A call of one of the functions the simulator has ({@code states}, {@code state_attr}, {@code is_state}). */
    record Call(String function, List<TemplateNode> args, Map<String, TemplateNode> kwargs) implements TemplateNode {
    }

    record Filter(TemplateNode value, String name, List<TemplateNode> args, Map<String, TemplateNode> kwargs)
        implements TemplateNode {
    }

    /** {@code -x}, {@code +x} or {@code not x}. */
    record Unary(String operator, TemplateNode operand) implements TemplateNode {
    }

    /** {@code + - * / // %}. */
    record Binary(String operator, TemplateNode left, TemplateNode right) implements TemplateNode {
    }

    /** {@code and}, {@code or}: Python's, returning an operand. */
    record Logic(boolean and, TemplateNode left, TemplateNode right) implements TemplateNode {
    }

    /** A chain like {@code a < b <= c}; operators are {@code == != < <= > >= in notin}. */
    record Compare(TemplateNode first, List<String> operators, List<TemplateNode> operands) implements TemplateNode {
    }

    /** {@code a ~ b}. */
    record Concat(List<TemplateNode> parts) implements TemplateNode {
    }

    /** {@code then if test else otherwise}; without else, undefined. */
    record CondExpr(TemplateNode test, TemplateNode then, TemplateNode otherwise) implements TemplateNode {
    }
}
