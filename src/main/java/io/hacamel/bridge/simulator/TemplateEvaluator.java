package io.hacamel.bridge.simulator;

import io.hacamel.bridge.simulator.TemplateNode.Binary;
import io.hacamel.bridge.simulator.TemplateNode.Call;
import io.hacamel.bridge.simulator.TemplateNode.Compare;
import io.hacamel.bridge.simulator.TemplateNode.Concat;
import io.hacamel.bridge.simulator.TemplateNode.CondExpr;
import io.hacamel.bridge.simulator.TemplateNode.Const;
import io.hacamel.bridge.simulator.TemplateNode.DictOf;
import io.hacamel.bridge.simulator.TemplateNode.Filter;
import io.hacamel.bridge.simulator.TemplateNode.Getattr;
import io.hacamel.bridge.simulator.TemplateNode.Getitem;
import io.hacamel.bridge.simulator.TemplateNode.ListOf;
import io.hacamel.bridge.simulator.TemplateNode.Logic;
import io.hacamel.bridge.simulator.TemplateNode.Name;
import io.hacamel.bridge.simulator.TemplateNode.TupleOf;
import io.hacamel.bridge.simulator.TemplateNode.Unary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Renders one parsed template the way Jinja in Home Assistant does, and collects the entities it read, like Home
 * Assistant's {@code RenderInfo}, so that it can be rendered again when one of them changes.
 */
final class TemplateEvaluator {

    /** Home Assistant's {@code _RESERVED_NAMES}: {@code states.<one of these>} is None. */
    private static final Set<String> RESERVED = Set.of("contextfunction", "evalcontextfunction",
        "environmentfunction", "jinja_pass_arg");

    private final String template;
    private final Function<String, EntityState> states;
    private final Map<String, Object> variables;
    private final boolean strict;
    private final Set<String> entities = new LinkedHashSet<>();

    /**
     * @param template the template's text, for Home Assistant's messages
     * @param states   the current state of an entity, or null
     */
    TemplateEvaluator(String template, Function<String, EntityState> states, Map<String, Object> variables,
                      boolean strict) {
        this.template = template;
        this.states = states;
        this.variables = variables;
        this.strict = strict;
    }

    /** The entities read so far, in the order they were first read. */
    Set<String> entities() {
        return entities;
    }

    String render(List<Object> body) {
        StringBuilder out = new StringBuilder();
        for (Object part : body) {
            out.append(part instanceof String text ? text : Py.str(evaluate((TemplateNode) part)));
        }
        return out.toString();
    }

    Object evaluate(TemplateNode node) {
        if (node instanceof Const constant) {
            return constant.value();
        }
        if (node instanceof Name name) {
            return lookup(name.name());
        }
        if (node instanceof ListOf list) {
            return evaluateAll(list.items());
        }
        if (node instanceof TupleOf tuple) {
            return new Py.Tuple(evaluateAll(tuple.items()));
        }
        if (node instanceof DictOf dict) {
            return dict(dict);
        }
        if (node instanceof Getattr getattr) {
            return TemplateAccess.attribute(this, evaluate(getattr.target()), getattr.attribute());
        }
        if (node instanceof Getitem getitem) {
            return TemplateAccess.item(this, evaluate(getitem.target()), evaluate(getitem.key()));
        }
        if (node instanceof Call call) {
            return TemplateFunctions.call(this, call.function(), evaluateAll(call.args()), evaluateAll(call.kwargs()));
        }
        if (node instanceof Filter filter) {
            return TemplateFunctions.filter(this, filter.name(), evaluate(filter.value()), evaluateAll(filter.args()),
                evaluateAll(filter.kwargs()));
        }
        if (node instanceof Unary unary) {
            return unary.operator().equals("not") ? !Py.truthy(evaluate(unary.operand()))
                : PyOps.negate(evaluate(unary.operand()), unary.operator().equals("-"));
        }
        if (node instanceof Binary binary) {
            return PyOps.binary(binary.operator(), evaluate(binary.left()), evaluate(binary.right()));
        }
        if (node instanceof Logic logic) {
            Object left = evaluate(logic.left());
            return Py.truthy(left) == logic.and() ? evaluate(logic.right()) : left;
        }
        if (node instanceof Compare compare) {
            return compare(compare);
        }
        if (node instanceof Concat concat) {
            StringBuilder out = new StringBuilder();
            concat.parts().forEach(part -> out.append(Py.str(evaluate(part))));
            return out.toString();
        }
        return conditional((CondExpr) node);
    }

    String template() {
        return template;
    }

    Py.Undefined undefined(String message) {
        return new Py.Undefined(message, strict);
    }

    /** {@code hass.states.get}, noting the entity as read: a template reading it renders again when it changes. */
    EntityState state(String entityId) {
        EntityState state = find(entityId);
        entities.add(state == null ? entityId : state.entityId());
        return state;
    }

    /** Home Assistant's {@code _get_state_if_valid}: an unknown and malformed entity id is an error. */
    Object stateObject(String entityId) {
        EntityState state = find(entityId);
        if (state == null && !Validators.isEntityId(entityId)) {
            throw TemplateException.python("TemplateError", "Invalid entity ID '" + entityId + "'");
        }
        if (state == null) {
            entities.add(entityId);
            return null;
        }
        return new Py.StateObject(state);
    }

    /** {@code states.<domain>}. */
    Object domain(String name) {
        if (RESERVED.contains(name)) {
            return null;
        }
        if (!Validators.isEntityId(name + ".entity")) {
            throw TemplateException.python("TemplateError", "Invalid domain name '" + name + "'");
        }
        return new Py.DomainStates(name);
    }

    /** Notes an entity whose state object was read ({@code states.light.x.state}). */
    void read(String entityId) {
        entities.add(entityId);
    }

    /** Home Assistant looks entity ids up in lower case. */
    private EntityState find(String entityId) {
        EntityState state = states.apply(entityId);
        return state != null ? state : states.apply(entityId.toLowerCase(Locale.ROOT));
    }

    private Object lookup(String name) {
        if (variables.containsKey(name)) {
            return variables.get(name);
        }
        if (name.equals("states")) {
            return Py.AllStates.INSTANCE;
        }
        if (TemplateParser.FUNCTIONS.contains(name)) {
            throw TemplateException.limit("using the function '" + name + "' without calling it");
        }
        return undefined("'" + name + "' is undefined");
    }

    private List<Object> evaluateAll(List<TemplateNode> nodes) {
        List<Object> values = new ArrayList<>(nodes.size());
        nodes.forEach(node -> values.add(evaluate(node)));
        return values;
    }

    private Map<String, Object> evaluateAll(Map<String, TemplateNode> nodes) {
        Map<String, Object> values = new LinkedHashMap<>();
        nodes.forEach((key, node) -> values.put(key, evaluate(node)));
        return values;
    }

    private Map<Object, Object> dict(DictOf dict) {
        Map<Object, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < dict.keys().size(); i++) {
            values.put(dictKey(evaluate(dict.keys().get(i))), evaluate(dict.values().get(i)));
        }
        return values;
    }

    private static Object dictKey(Object key) {
        if (key instanceof List || key instanceof Map) {
            throw TemplateException.python("TypeError", "unhashable type: '" + Py.typeName(key) + "'");
        }
        return key;
    }

    private Object compare(Compare compare) {
        Object left = evaluate(compare.first());
        for (int i = 0; i < compare.operators().size(); i++) {
            Object right = evaluate(compare.operands().get(i));
            String operator = compare.operators().get(i);
            boolean holds = switch (operator) {
                case "==" -> Py.equal(left, right);
                case "!=" -> !Py.equal(left, right);
                case "in" -> Py.contains(right, left);
                case "notin" -> !Py.contains(right, left);
                default -> PyOps.order(operator, left, right);
            };
            if (!holds) {
                return false;
            }
            left = right;
        }
        return true;
    }

    private Object conditional(CondExpr conditional) {
        if (Py.truthy(evaluate(conditional.test()))) {
            return evaluate(conditional.then());
        }
        return conditional.otherwise() != null ? evaluate(conditional.otherwise()) : undefined(
            "the inline if-expression on line 1 evaluated to false and no else section was defined.");
    }
}
