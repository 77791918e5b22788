package io.hacamel.bridge.simulator;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code x.name} and {@code x[key]} as Jinja's sandbox resolves them: an item or attribute that is not there is
 * undefined (with Jinja's message), an undefined value fails at once, and state objects note what was read.
 */
final class TemplateAccess {

    /** The attributes of a template state object that make the template listen to the entity. */
    private static final Set<String> COLLECTED = Set.of("state", "attributes", "domain", "object_id", "name",
        "state_with_unit");
    private static final Set<String> NOT_SIMULATED = Set.of("last_changed", "last_updated", "context");
    /** Methods of Python's dict, str and list, which Jinja would find before an item of that name. */
    private static final Set<String> METHODS = Set.of("get", "items", "keys", "values", "copy", "lower", "upper",
        "split", "replace", "startswith", "endswith", "strip", "format", "join", "count", "index", "title");

    private TemplateAccess() {
    }

    /** {@code target.name}. */
    static Object attribute(TemplateEvaluator render, Object target, String name) {
        if (target instanceof Py.Undefined undefined) {
            throw undefined.error();
        }
        if (target == Py.AllStates.INSTANCE) {
            return render.domain(name);
        }
        if (target instanceof Py.DomainStates domain) {
            return render.stateObject(domain.domain() + "." + name);
        }
        if (target instanceof Py.StateObject state) {
            return stateAttribute(render, state, name);
        }
        if (METHODS.contains(name) && (target instanceof Map || target instanceof String || target instanceof List)) {
            throw TemplateException.limit("the method '" + name + "'");
        }
        if (target instanceof Map<?, ?> map && map.containsKey(name)) {
            return map.get(name);
        }
        return missingAttribute(render, target, name);
    }

    /** {@code target[key]}. */
    static Object item(TemplateEvaluator render, Object target, Object key) {
        if (target instanceof Py.Undefined undefined) {
            throw undefined.error();
        }
        if (target == Py.AllStates.INSTANCE && key instanceof String name) {
            return name.contains(".") ? render.stateObject(name) : render.domain(name);
        }
        if (target instanceof Py.DomainStates domain) {
            return render.stateObject(domain.domain() + "." + Py.str(key));
        }
        if (target instanceof Py.StateObject state && key instanceof String name
            && (COLLECTED.contains(name) || name.equals("entity_id") || NOT_SIMULATED.contains(name))) {
            return stateAttribute(render, state, name);
        }
        if (target instanceof Map<?, ?> map && map.containsKey(key)) {
            return map.get(key);
        }
        Object indexed = index(target, key);
        if (indexed != null) {
            return ((Object[]) indexed)[0];
        }
        if (key instanceof String name) {
            return attribute(render, target, name);
        }
        return render.undefined(Py.objectTypeRepr(target) + " has no element " + Py.repr(key));
    }

    private static Object stateAttribute(TemplateEvaluator render, Py.StateObject object, String name) {
        EntityState state = object.state();
        if (name.equals("entity_id")) {
            return state.entityId();
        }
        if (NOT_SIMULATED.contains(name)) {
            throw TemplateException.limit("the state attribute '" + name + "'");
        }
        if (!COLLECTED.contains(name)) {
            return missingAttribute(render, object, name);
        }
        render.read(state.entityId());
        return switch (name) {
            case "state" -> state.state();
            case "attributes" -> PyJson.attributes(state);
            case "domain" -> state.domain();
            case "object_id" -> objectId(state);
            case "name" -> {
                Object friendly = PyJson.attributes(state).get("friendly_name");
                yield friendly != null && Py.truthy(friendly) ? friendly : objectId(state).replace('_', ' ');
            }
            default -> {
                Object unit = PyJson.attributes(state).get("unit_of_measurement");
                yield unit != null && Py.truthy(unit) ? state.state() + " " + Py.str(unit) : state.state();
            }
        };
    }

    private static String objectId(EntityState state) {
        return state.entityId().substring(state.entityId().indexOf('.') + 1);
    }

    /** A one-element array with the item of a list, tuple or string at an int index; null when there is none. */
    private static Object index(Object target, Object key) {
        if (!(key instanceof BigInteger || key instanceof Boolean)) {
            return null;
        }
        List<?> items = target instanceof List<?> list ? list : target instanceof Py.Tuple tuple ? tuple.items()
            : null;
        int size = items != null ? items.size() : target instanceof String text ? text.length() : -1;
        BigInteger position = Py.toInt(key);
        if (position.signum() < 0) {
            position = position.add(BigInteger.valueOf(size));
        }
        if (size < 0 || position.signum() < 0 || position.compareTo(BigInteger.valueOf(size)) >= 0) {
            return null;
        }
        int at = position.intValue();
        return new Object[] {items != null ? items.get(at) : String.valueOf(((String) target).charAt(at))};
    }

    private static Object missingAttribute(TemplateEvaluator render, Object target, String name) {
        return render.undefined("'" + Py.objectTypeRepr(target) + "' has no attribute '" + name + "'");
    }
}
