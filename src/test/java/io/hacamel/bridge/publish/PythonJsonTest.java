package io.hacamel.bridge.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Attribute values come out as Python's json.dumps writes them, as Home Assistant's mqtt_statestream does. */
class PythonJsonTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void separatorsAndNestingAsPythonWritesThem() throws Exception {
        assertThat(dumps("{\"rgb\":[255,128,0],\"effect\":null,\"on\":true,\"nested\":{\"a\":1,\"b\":\"x\"}}"))
                .isEqualTo("{\"rgb\": [255, 128, 0], \"effect\": null, \"on\": true, \"nested\": {\"a\": 1, \"b\": \"x\"}}");
        assertThat(dumps("[]")).isEqualTo("[]");
        assertThat(dumps("{}")).isEqualTo("{}");
    }

    @Test
    void stringsAreAsciiWithLowerCaseEscapes() throws Exception {
        assertThat(dumps("\"°C\"")).isEqualTo("\"\\u00b0C\"");
        assertThat(dumps("\"Küche 🙂\"")).isEqualTo("\"K\\u00fcche \\ud83d\\ude42\"");
        assertThat(dumps("\"a\\\"b\\\\c\\nd\\te\\u0001\\u007f\"")).isEqualTo("\"a\\\"b\\\\c\\nd\\te\\u0001\\u007f\"");
        assertThat(dumps("\"/path\"")).isEqualTo("\"/path\"");
    }

    @Test
    void numbersAsPythonsRepr() throws Exception {
        assertThat(dumps("21.0")).isEqualTo("21.0");
        assertThat(dumps("21.50")).isEqualTo("21.5");
        assertThat(dumps("-3")).isEqualTo("-3");
        assertThat(dumps("123456789012345678901234567890")).isEqualTo("123456789012345678901234567890");
        assertThat(PythonJson.floatRepr(0.0001)).isEqualTo("0.0001");
        assertThat(PythonJson.floatRepr(0.00001)).isEqualTo("1e-05");
        assertThat(PythonJson.floatRepr(1.25e-7)).isEqualTo("1.25e-07");
        assertThat(PythonJson.floatRepr(1e16)).isEqualTo("1e+16");
        assertThat(PythonJson.floatRepr(1.5e16)).isEqualTo("1.5e+16");
        assertThat(PythonJson.floatRepr(9999999999999998.0)).isEqualTo("9999999999999998.0");
        assertThat(PythonJson.floatRepr(123.0)).isEqualTo("123.0");
        assertThat(PythonJson.floatRepr(-0.5)).isEqualTo("-0.5");
        assertThat(PythonJson.floatRepr(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(PythonJson.floatRepr(-0.0)).isEqualTo("-0.0");
        assertThat(PythonJson.floatRepr(1e301)).isEqualTo("1e+301");
        assertThat(PythonJson.floatRepr(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
    }

    private String dumps(String value) throws Exception {
        return PythonJson.dumps(json.readTree(value));
    }
}
