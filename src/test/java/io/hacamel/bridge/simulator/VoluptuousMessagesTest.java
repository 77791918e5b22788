package io.hacamel.bridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The validation messages follow voluptuous' wording, paths and Python reprs. */
class VoluptuousMessagesTest {

    private static final Schema SCHEMA = Schema.strict()
        .required("name", Validators.STR)
        .optional("count", Validators.POSITIVE_INT)
        .optional("target", Validators.TARGET.nested());

    @Test
    void humanizesEachErrorSortedWithTheOffendingValue() {
        JsonNode data = TestClient.parse("{\"name\": 5, \"count\": -1, \"other\": [1, \"it's\", null, true, 1.5]}");

        List<Invalid> errors = SCHEMA.validate(data);

        assertThat(Invalid.humanize(data, errors)).isEqualTo(
            "expected str for dictionary value @ data['name']. Got 5\n"
                + "extra keys not allowed @ data['other']. Got [1, \"it's\", None, True, 1.5]\n"
                + "value must be at least 0 for dictionary value @ data['count']. Got -1");
        assertThat(errors.get(0).toString()).isEqualTo("expected str for dictionary value @ data['name']");
    }

    @Test
    void reportsNestedPathsAndMissingKeys() {
        JsonNode data = TestClient.parse("{\"target\": {\"area_id\": [\"kitchen\", 7], \"floor\": 1}}");

        assertThat(Invalid.humanize(data, SCHEMA.validate(data))).isEqualTo(
            "expected str @ data['target']['area_id'][1]. Got 7\n"
                + "extra keys not allowed @ data['target']['floor']. Got 1\n"
                + "required key not provided @ data['name']. Got None");
    }

    @Test
    void truncatesLongValues() {
        JsonNode data = TestClient.parse("{\"name\": [\"" + "x".repeat(600) + "\"]}");

        String message = Invalid.humanize(data, SCHEMA.validate(data));

        assertThat(message).endsWith("...").hasSize("expected str for dictionary value @ data['name']. Got ".length()
            + 500);
    }

    @Test
    void writesPythonReprs() {
        assertThat(PythonRepr.of(TestClient.parse("{\"a\": {\"b\": false}, \"c\": 1e20, \"d\": \"say \\\"hi\\\"\"}")))
            .isEqualTo("{'a': {'b': False}, 'c': 1e+20, 'd': 'say \"hi\"'}");
        assertThat(PythonRepr.pythonFloat(60)).isEqualTo("60.0");
    }
}
