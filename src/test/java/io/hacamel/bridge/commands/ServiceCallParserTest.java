package io.hacamel.bridge.commands;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hacamel.bridge.api.ApiException;
import io.hacamel.bridge.support.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a service call may contain before anything of it reaches Home Assistant. */
class ServiceCallParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ServiceCallParser parser = new ServiceCallParser(1024);

    @Test
    void readsAFullCall() throws Exception {
        ServiceCallRequest call = parser.parse("light", "turn_on", bytes("""
                {"service_data": {"brightness_pct": 50}, "target": {"entity_id": ["light.a", "light.b"],
                 "area_id": "living_room", "device_id": "6a1b3c0f9d2e4f5a"}, "return_response": true,
                 "correlation_id": "req-7"}"""));

        assertThat(call.name()).isEqualTo("light.turn_on");
        assertThat(call.returnResponse()).isTrue();
        assertThat(call.correlationId().asText()).isEqualTo("req-7");
        assertThat(call.websocketBody()).isEqualTo(JSON.readTree("""
                {"service_data": {"brightness_pct": 50}, "target": {"entity_id": ["light.a", "light.b"],
                 "area_id": "living_room", "device_id": "6a1b3c0f9d2e4f5a"}, "return_response": true}"""));
        assertThat(call.restBody()).isEqualTo(JSON.readTree("""
                {"brightness_pct": 50, "entity_id": ["light.a", "light.b"], "area_id": "living_room",
                 "device_id": "6a1b3c0f9d2e4f5a"}"""));
    }

    @Test
    void anEmptyBodyIsACallWithoutData() {
        for (Object empty : new Object[] {null, new byte[0], "", "{}", "null"}) {
            ServiceCallRequest call = parser.parse("homeassistant", "restart", empty);
            assertThat(call.serviceData()).isNull();
            assertThat(call.target()).isNull();
            assertThat(call.returnResponse()).isFalse();
            assertThat(call.restBody().isEmpty()).isTrue();
        }
    }

    @Test
    void takesMapsAndJsonNodesAsTheyAre() throws Exception {
        ServiceCallRequest fromMap = parser.parse("light", "turn_off", Map.of("target", Map.of("entity_id", "all")));
        ServiceCallRequest fromJson = parser.parse("light", "turn_off", JSON.readTree("{\"target\":{\"entity_id\":\"all\"}}"));

        assertThat(fromMap.target()).isEqualTo(fromJson.target());
    }

    @ParameterizedTest
    @ValueSource(strings = {"light.kitchen", "light.a, light.b", "all", "none"})
    void takesEntityIdsAsHomeAssistantDoes(String entityId) {
        assertThat(parser.parse("light", "toggle", Map.of("target", Map.of("entity_id", entityId))).target())
                .isNotNull();
        assertThat(parser.parse("light", "toggle", Map.of("service_data", Map.of("entity_id", entityId)))
                .serviceData()).isNotNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{bad                                           | body",
        "[1, 2]                                         | body",
        "\"light.kitchen\"                               | body",
        "{\"target\": {}} trailing                      | body",
        "{\"target\": {}, \"target\": {}}               | body",
        "{\"service_data\": [1]}                        | service_data",
        "{\"service_data\": \"brightness=5\"}           | service_data",
        "{\"service_data\": {\"entity_id\": \"../x\"}}  | service_data.entity_id",
        "{\"target\": \"light.kitchen\"}                | target",
        "{\"target\": {\"entity_id\": \"Light.Kitchen\"}} | target.entity_id",
        "{\"target\": {\"entity_id\": \"light.a,../b\"}} | target.entity_id",
        "{\"target\": {\"entity_id\": [\"light.a\", 5]}} | target.entity_id",
        "{\"target\": {\"entity_id\": []}}              | target.entity_id",
        "{\"target\": {\"entity_id\": \"light.a/../b\"}} | target.entity_id",
        "{\"target\": {\"area_id\": \"a b\"}}           | target.area_id",
        "{\"target\": {\"device_id\": 17}}              | target.device_id",
        "{\"target\": {\"area\": \"kitchen\"}}          | target.area",
        "{\"return_response\": \"yes\"}                 | return_response",
        "{\"correlation_id\": {\"id\": 1}}              | correlation_id",
        "{\"servicedata\": {}}                          | servicedata",
    })
    void refusesBadBodiesNamingTheField(String body, String field) {
        assertThatThrownBy(() -> parser.parse("light", "turn_on", bytes(body)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "NULL     | turn_on    | domain",
        "''       | turn_on    | domain",
        "Light    | turn_on    | domain",
        "..       | turn_on    | domain",
        "light/.. | turn_on    | domain",
        "light%2F | turn_on    | domain",
        "light    | NULL       | service",
        "light    | turn_on;rm | service",
        "light    | turn on    | service",
        "light    | ../config  | service",
    })
    void refusesDomainsAndServicesThatCouldLeaveTheRestPath(String domain, String service, String field) {
        assertThatThrownBy(() -> parser.parse(domain, service, null))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void refusesABodyOverTheLimitWith413() {
        String big = "{\"service_data\": {\"x\": \"" + "a".repeat(1024) + "\"}}";

        assertThatThrownBy(() -> parser.parse("light", "turn_on", bytes(big)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(413);
                    assertThat(e.details()).containsEntry("field", "body");
                });
    }

    @Test
    void refusesJsonNestedTooDeeplyOrNumbersTooLongWith400() {
        ServiceCallParser large = new ServiceCallParser(65536);
        String deepest = "{\"service_data\": {\"x\": " + "[".repeat(62) + "]".repeat(62) + "}}";
        String tooDeep = "{\"service_data\": {\"x\": " + "[".repeat(63) + "]".repeat(63) + "}}";
        String hostile = "[".repeat(5000) + "]".repeat(5000);
        String longNumber = "{\"service_data\": {\"x\": " + "9".repeat(101) + "}}";

        assertThat(large.parse("light", "turn_on", bytes(deepest)).serviceData()).isNotNull();
        for (String body : new String[] {tooDeep, hostile, hostile.substring(0, 5000)}) {
            assertThatThrownBy(() -> large.parse("light", "turn_on", bytes(body)))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                        assertThat(e.field()).isEqualTo("body");
                        assertThat(e.getMessage()).isEqualTo("the body is over a limit: Document nesting depth (65) "
                                + "exceeds the maximum allowed (64)");
                    });
        }
        assertThatThrownBy(() -> large.parse("light", "turn_on", bytes(longNumber)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.getMessage())
                        .startsWith("the body is over a limit: Number value length (101) exceeds"));
        assertThat(large.correlationIdOf(bytes(hostile))).isNull();
    }

    @Test
    void anUnknownFieldIsNamedPrintablyAndShort() {
        String name = "x\n".repeat(100);

        assertThatThrownBy(() -> parser.parse("light", "turn_on", Map.of(name, 1)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field())
                        .hasSizeLessThanOrEqualTo(65).doesNotContain("\n"));
    }

    @Test
    void correlationIdsMayBeTextOrNumbers() {
        assertThat(parser.parse("light", "turn_on", bytes("{\"correlation_id\": 42}")).correlationId().asInt())
                .isEqualTo(42);
        assertThatThrownBy(() -> parser.parse("light", "turn_on", Map.of("correlation_id", "x".repeat(257))))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void findsTheCorrelationIdOfARefusedCallWhenItCanBeRead() {
        assertThat(parser.correlationIdOf(bytes("{\"target\": 5, \"correlation_id\": \"c-1\"}")).asText())
                .isEqualTo("c-1");
        assertThat(parser.correlationIdOf(bytes("{bad"))).isNull();
        assertThat(parser.correlationIdOf(bytes("{\"correlation_id\": []}"))).isNull();
        assertThat(parser.correlationIdOf(null)).isNull();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
