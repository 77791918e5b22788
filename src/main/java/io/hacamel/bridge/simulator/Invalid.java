package io.hacamel.bridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One voluptuous validation error: a message, the path into the data where it happened and, when a validator of a
 * dictionary value failed, the "for dictionary value" suffix voluptuous adds.
 */
record Invalid(String message, List<Object> path, boolean dictionaryValue) {

    /** Voluptuous' {@code VirtualPathComponent}: a group of exclusive keys, written {@code data[<from>]}. */
    record Group(String label) {

        @Override
        public String toString() {
            return "<" + label + ">";
        }
    }

    /** Voluptuous truncates the offending value's repr to this many characters. */
    private static final int MAX_ITEM_LENGTH = 500;

    Invalid {
        path = List.copyOf(path);
    }

    static Invalid at(List<Object> path, String message) {
        return new Invalid(message, path, false);
    }

    Invalid asDictionaryValue() {
        return new Invalid(message, path, true);
    }

    /** {@code str(Invalid)}: {@code expected str for dictionary value @ data['event_type']}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(message);
        if (dictionaryValue) {
            out.append(" for dictionary value");
        }
        if (!path.isEmpty()) {
            out.append(" @ data[");
            out.append(path.stream().map(Invalid::pathElement).collect(Collectors.joining("][")));
            out.append(']');
        }
        return out.toString();
    }

    /** {@code voluptuous.humanize.humanize_error} for one error: the message plus the repr of the offending value. */
    String humanize(JsonNode data) {
        String got = PythonRepr.of(valueAt(data));
        if (got.length() > MAX_ITEM_LENGTH) {
            got = got.substring(0, MAX_ITEM_LENGTH - 3) + "...";
        }
        return this + ". Got " + got;
    }

    /** humanize_error of a MultipleInvalid: each error humanized, sorted, one a line. */
    static String humanize(JsonNode data, List<Invalid> errors) {
        List<String> lines = new ArrayList<>();
        for (Invalid error : errors) {
            lines.add(error.humanize(data));
        }
        Collections.sort(lines);
        return String.join("\n", lines);
    }

    private JsonNode valueAt(JsonNode data) {
        JsonNode node = data;
        for (Object element : path) {
            if (node == null) {
                return null;
            }
            if (element instanceof Integer index && node.isTextual()) {
                // Python indexes into a string: data['trigger'][0] of "abc" is 'a'
                String text = node.textValue();
                return index < text.length() ? TextNode.valueOf(text.substring(index, index + 1)) : null;
            }
            node = element instanceof Integer index ? node.get(index)
                : node.get(element instanceof Group group ? group.label() : (String) element);
        }
        return node;
    }

    private static String pathElement(Object element) {
        return element instanceof String key ? PythonRepr.string(key) : element.toString();
    }
}
