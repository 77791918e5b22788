package io.hacamel.bridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The simulator's template subset renders what Home Assistant 2023.6 (Jinja 3.1.2, Python 3.11) renders, typed as
 * render_template sends it, and fails with Home Assistant's messages. The expectations were checked against real
 * Jinja with Home Assistant's filters and functions.
 */
class TemplateTest {

    private static final Map<String, EntityState> STATES = new HashMap<>();

    static {
        put("input_number.camel_level", "30.0", "{\"min\":0.0,\"max\":100.0,\"friendly_name\":\"Camel Level\"}");
        put("input_boolean.camel_test", "off", "{\"editable\":false,\"friendly_name\":\"Camel Test\"}");
        put("light.camel_lamp", "off", "{\"supported_color_modes\":[\"brightness\"],\"friendly_name\":\"Camel Lamp\"}");
        put("sensor.temp", "21.456", "{\"unit_of_measurement\":\"°C\",\"friendly_name\":\"Temp\"}");
        put("sensor.bad", "unavailable", "{}");
    }

    static Stream<Arguments> rendered() {
        return Stream.of(
            arguments("{{ states('input_number.camel_level') | float * 2 }}", "60.0"),
            arguments("{{ states.input_number.camel_level.state }}", "30.0"),
            arguments("{{ states('sensor.nope') }}", "\"unknown\""),
            arguments("{{ states.sensor.nope.state }}", "\"\""),
            arguments("{{ state_attr('input_number.camel_level', 'max') }}", "100.0"),
            arguments("{{ state_attr('light.camel_lamp', 'supported_color_modes') }}", "[\"brightness\"]"),
            arguments("{{ state_attr('input_number.camel_level', 'missing') }}", "null"),
            arguments("{{ is_state('input_boolean.camel_test', 'off') }}", "true"),
            arguments("{{ is_state('input_boolean.camel_test', ['on', 'off']) }}", "true"),
            arguments("{{ states.light.camel_lamp.attributes.friendly_name }}", "\"Camel Lamp\""),
            arguments("{{ states.light.camel_lamp.name }}", "\"Camel Lamp\""),
            arguments("{{ states.sensor.temp.state_with_unit }}", "\"21.456 °C\""),
            arguments("{{ 7 / 2 }} ", "3.5"),
            arguments("{{ -7 // 2 }}", "-4"),
            arguments("{{ -7 % 3 }}", "2"),
            arguments("{{ 'ab' * 3 }}", "\"ababab\""),
            arguments("{{ 1 < 2 < 3 }}", "true"),
            arguments("{{ 0 or 'fallback' }}", "\"fallback\""),
            arguments("{{ 'yes' if 1 < 0 else 'no' }}", "\"no\""),
            arguments("{{ 'x' if false }}", "\"\""),
            arguments("{{ [1, 2.5, 'x', none, true] }}", "[1,2.5,\"x\",null,true]"),
            arguments("{{ {'a': 1, 'b': (1, 2)} }}", "{\"a\":1,\"b\":[1,2]}"),
            arguments("{{ 1 ~ 2 ~ 'a' }}", "\"12a\""),
            arguments("{{ '042' }}", "\"042\""),
            arguments("{{ '1e5' }}", "\"1e5\""),
            arguments("{{ '5.' }}", "5.0"),
            arguments("{{ 'None' }}", "null"),
            arguments("{{ 1 }} {{ 2 }}", "\"1 2\""),
            arguments("42", "\"42\""),
            arguments("{{ 2.5 | round }}", "2"),
            arguments("{{ 2.675 | round(2) }}", "2.67"),
            arguments("{{ 2.4 | round(0, 'ceil') }}", "3"),
            arguments("{{ 2.3 | round(1, 'half') }}", "2.5"),
            arguments("{{ 'abc' | round(default=0) }}", "0"),
            arguments("{{ states('sensor.bad') | float(0) }}", "0"),
            arguments("{{ '42.9' | int }}", "42"),
            arguments("{{ 'ff' | int(base=16) }}", "255"),
            arguments("{{ -1 | float }}", "-1.0"),
            arguments("{{ none | lower }}", "\"none\""),
            arguments("{{ states('input_boolean.camel_test') | upper }}", "\"OFF\""),
            arguments("{{ undefined_thing }}", "\"\""),
            arguments("{{ not undefined_thing }}", "true"),
            arguments("{{ 12345678.0 }}", "12345678.0"),
            arguments("{{ 1e16 }}", "\"1e+16\""),
            arguments("{# a comment #}{{ 'x' -}}   y", "\"xy\""));
    }

    static Stream<Arguments> failures() {
        return Stream.of(
            arguments("{{ states('input_number.camel_level' }}", "TemplateSyntaxError: unexpected '}', expected ')'"),
            arguments("{{ }}", "TemplateSyntaxError: Expected an expression, got 'end of print statement'"),
            arguments("{{ 1 +", "TemplateSyntaxError: unexpected 'end of template'"),
            arguments("{{ (1 + 2 }}", "TemplateSyntaxError: unexpected '}', expected ')'"),
            arguments("{{ 1 2 }}", "TemplateSyntaxError: expected token 'end of print statement', got 'integer'"),
            arguments("{{ states('a' 1) }}", "TemplateSyntaxError: expected token ',', got 'integer'"),
            arguments("{{ 1 $ 2 }}", "TemplateSyntaxError: unexpected char '$' at 5"),
            arguments("{{ 1 / 0 }}", "ZeroDivisionError: division by zero"),
            arguments("{{ 1 % 0 }}", "ZeroDivisionError: integer modulo by zero"),
            arguments("{{ 'a' + 1 }}", "TypeError: can only concatenate str (not \"int\") to str"),
            arguments("{{ 'a' < 1 }}", "TypeError: '<' not supported between instances of 'str' and 'int'"),
            arguments("{{ undefined_thing + 1 }}", "UndefinedError: 'undefined_thing' is undefined"),
            arguments("{{ states.sensor.nope.state + 1 }}", "UndefinedError: 'None' has no attribute 'state'"),
            arguments("{{ [1, 2, 3][5] + 1 }}", "UndefinedError: list object has no element 5"),
            arguments("{{ states.Light.x }}", "TemplateError: Invalid domain name 'Light'"),
            arguments("{{ states['sensor.Bad Id'] }}", "TemplateError: Invalid entity ID 'sensor.Bad Id'"),
            arguments("{{ states('sensor.bad') | float }}", "ValueError: Template error: float got invalid input "
                + "'unavailable' when rendering template '{{ states('sensor.bad') | float }}' but no default was "
                + "specified"),
            arguments("{{ state_attr('light.camel_lamp') }}",
                "TypeError: state_attr() missing 1 required positional argument: 'name'"),
            arguments("{{ x | default(1) }}", "TemplateError: the filter 'default' is outside the simulator's "
                + "template subset (docs/simulator.md lists it)"),
            arguments("{% if true %}x{% endif %}", "TemplateError: a statement ({% ... %}) is outside the "
                + "simulator's template subset (docs/simulator.md lists it)"),
            arguments("{{ now() }}", "TemplateError: the function 'now' is outside the simulator's template subset "
                + "(docs/simulator.md lists it)"));
    }

    @ParameterizedTest
    @MethodSource("rendered")
    void rendersAndTypesLikeHomeAssistant(String template, String json) {
        HaTemplate.Rendered rendered = render(template, Map.of(), false);

        assertThat(rendered.error()).isNull();
        assertThat(PyJson.write(rendered.result(), new StringBuilder()).toString()).isEqualTo(json);
    }

    @ParameterizedTest
    @MethodSource("failures")
    void failsWithHomeAssistantsMessages(String template, String message) {
        assertThatThrownBy(() -> {
            HaTemplate.Rendered rendered = render(template, Map.of(), false);
            if (rendered.error() != null) {
                throw rendered.error();
            }
        }).isInstanceOf(TemplateException.class).hasMessage(message);
    }

    @Test
    void collectsTheEntitiesItReadAsItsListeners() {
        HaTemplate.Rendered rendered = render("{{ states('SENSOR.TEMP') if is_state('input_boolean.camel_test', 'on')"
            + " else states.light.camel_lamp.entity_id ~ states.sensor.nope }}", Map.of(), false);

        assertThat(rendered.entities()).containsExactly("input_boolean.camel_test", "sensor.nope");
        assertThat(rendered.result()).isEqualTo("light.camel_lampNone");
    }

    @Test
    void seesTheVariablesItIsGivenAndFailsOnUndefinedNamesWhenStrict() {
        assertThat(render("{{ x.y[0] + 1 }}", PyJson.variables(TestClient.parse("{\"x\":{\"y\":[41]}}")), false)
            .result()).isEqualTo(java.math.BigInteger.valueOf(42));
        assertThat(render("{{ missing }}", Map.of(), true).error())
            .hasMessage("UndefinedError: 'missing' is undefined");
    }

    private static HaTemplate.Rendered render(String template, Map<String, Object> variables, boolean strict) {
        return HaTemplate.compile(template).renderToInfo(STATES::get, variables, strict);
    }

    private static void put(String entityId, String state, String attributes) {
        STATES.put(entityId, EntityState.of(entityId, state, (ObjectNode) TestClient.parse(attributes),
            "2026-12-07T05:51:57.215171+00:00", "2026-12-07T05:51:57.215171+00:00", HaContext.system()));
    }
}
