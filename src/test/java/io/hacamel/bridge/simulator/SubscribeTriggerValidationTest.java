package io.hacamel.bridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * subscribe_trigger refuses what Home Assistant 2023.6 refuses, with its codes and messages. The expected messages
 * are what voluptuous 0.13.1 (Home Assistant 2023.6's) answers with Home Assistant's trigger schemas.
 */
class SubscribeTriggerValidationTest extends SimulatorTestSupport {

    static Stream<Arguments> refused() {
        return Stream.of(
            arguments(trigger("{\"platform\": \"state\"}"),
                "invalid_format", "required key not provided @ data['entity_id']. Got None"),
            arguments(trigger("{\"platform\": \"state\", \"entity_id\": \"not valid\"}"),
                "invalid_format", "Entity not valid is neither a valid entity ID nor a valid UUID for dictionary "
                + "value @ data['entity_id']. Got None"),
            arguments(trigger("{\"platform\": \"state\", \"entity_id\": [\"light.x\", 5]}"),
                "unknown_error", "Unknown error"),
            arguments(trigger("{\"platform\": \"state\", \"entity_id\": \"light.x\", \"from\": \"a\", "
                + "\"not_from\": \"b\"}"),
                "invalid_format", "two or more values in the same group of exclusion 'from' @ data[<from>]. Got "
                + "None"),
            arguments(trigger("{\"platform\": \"state\", \"entity_id\": \"light.x\", \"from\": \"a\", "
                + "\"not_from\": \"b\", \"to\": \"c\", \"not_to\": \"d\"}"),
                "invalid_format", "two or more values in the same group of exclusion 'from' @ data[<from>]. Got "
                + "None\ntwo or more values in the same group of exclusion 'to' @ data[<to>]. Got None"),
            arguments(trigger("{\"platform\": \"state\", \"entity_id\": \"light.x\", \"to\": 5}"),
                "invalid_format", "expected str for dictionary value @ data['to']. Got None"),
            arguments(trigger("{\"platform\": \"state\", \"entity_id\": \"light.x\", \"to\": [\"on\", 5]}"),
                "invalid_format", "expected str @ data['to'][1]. Got None"),
            arguments(trigger("{\"platform\": \"state\", \"entity_id\": \"light.x\", \"for\": \"{{ (\"}"),
                "invalid_format", "offset {{ ( should be format 'HH:MM', 'HH:MM:SS' or 'HH:MM:SS.F' for dictionary "
                + "value @ data['for']. Got None"),
            arguments(trigger("{\"platform\": \"state\", \"entity_id\": \"light.x\", \"for\": \"-{{ (\"}"),
                "invalid_format", "offset {{ ( should be format 'HH:MM', 'HH:MM:SS' or 'HH:MM:SS.F' for dictionary "
                + "value @ data['for']. Got None"),
            arguments(trigger("{\"platform\": \"state\", \"entity_id\": \"light.x\", \"foo\": 1}"),
                "invalid_format", "extra keys not allowed @ data['foo']. Got None"),
            arguments(trigger("{\"platform\": \"state\", \"entity_id\": \"light.x\", \"enabled\": \"maybe\"}"),
                "invalid_format", "invalid boolean value maybe for dictionary value @ "
                + "data['trigger'][0]['enabled']. Got None"),
            arguments(trigger("{\"platform\": \"state\", \"entity_id\": \"light.x\", \"id\": 5}"),
                "invalid_format", "expected str for dictionary value @ data['trigger'][0]['id']. Got None"),
            arguments(trigger("{\"platform\": \"state\", \"entity_id\": \"light.x\", \"variables\": {\"a\": \"{{ "
                + "(\"}}"),
                "invalid_format", "invalid template (TemplateSyntaxError: unexpected 'end of template') for "
                + "dictionary value @ data['trigger'][0]['variables']['a']. Got None"),
            arguments(trigger("{\"platform\": \"state\", \"entity_id\": \"light.x\", \"variables\": 5}"),
                "invalid_format", "expected a dictionary for dictionary value @ data['trigger'][0]['variables']. "
                + "Got None"),
            arguments(trigger("{\"platform\": \"light\"}"),
                "invalid_format", "Integration 'light' does not provide trigger support. Got {'id': 1, 'type': "
                + "'subscribe_trigger', 'trigger': [{'platform': 'light'}]}"),
            arguments(trigger("{\"platform\": \"no_such_platform\"}"),
                "invalid_format", "Invalid platform 'no_such_platform' specified. Got {'id': 1, 'type': "
                + "'subscribe_trigger', 'trigger': [{'platform': 'no_such_platform'}]}"),
            arguments(trigger("\"foo\""),
                "invalid_format", "expected a dictionary @ data['trigger'][0]. Got 'f'"),
            arguments(trigger("{\"id\": \"x\"}"),
                "invalid_format", "required key not provided @ data['trigger'][0]['platform']. Got None"),
            arguments(trigger("[5, {\"platform\": 7}]"),
                "invalid_format", "expected str for dictionary value @ data['trigger'][1]['platform']. Got 7"),
            arguments(trigger("[5, 6]"),
                "invalid_format", "expected a dictionary @ data['trigger'][0]. Got 5\nexpected a dictionary @ "
                + "data['trigger'][1]. Got 6"),
            arguments(trigger("{\"platform\": 7, \"alias\": 8}"),
                "invalid_format", "expected str for dictionary value @ data['trigger'][0]['alias']. Got "
                + "None\nexpected str for dictionary value @ data['trigger'][0]['platform']. Got None"),
            arguments(null,
                "invalid_format", "required key not provided @ data['trigger']. Got None"),
            arguments(trigger("{\"platform\": \"event\"}"),
                "invalid_format", "required key not provided @ data['event_type']. Got None"),
            arguments(trigger("{\"platform\": \"event\", \"event_type\": [null, [1], \"{{ (\"]}"),
                "invalid_format", "invalid template (TemplateSyntaxError: unexpected 'end of template') @ "
                + "data['event_type'][2]. Got None\ntemplate value is None @ data['event_type'][0]. Got "
                + "None\ntemplate value should be a string @ data['event_type'][1]. Got None"),
            arguments(trigger("{\"platform\": \"event\", \"event_type\": \"x\", \"event_data\": 5}"),
                "invalid_format", "expected dict for dictionary value @ data['event_data']. Got None"),
            arguments(trigger("{\"platform\": \"event\", \"event_type\": \"x\", \"event_data\": {\"a\": \"{{ (\"}}"),
                "invalid_format", "invalid template (TemplateSyntaxError: unexpected 'end of template') for "
                + "dictionary value @ data['event_data']. Got None"),
            arguments(trigger("{\"platform\": \"state\", \"entity_id\": \"light.x\", \"for\": {\"minutes\": \"{{ "
                + "(\"}}"),
                "invalid_format", "expected float for dictionary value @ data['for']['minutes']. Got None"));
    }

    @ParameterizedTest
    @MethodSource("refused")
    void refusesLikeHomeAssistant(String message, String code, String error) {
        TestClient client = authenticated(start());

        client.sendText(message == null ? "{\"id\": 1, \"type\": \"subscribe_trigger\"}" : message);
        JsonNode answer = client.next();

        assertThat(answer.path("success").asBoolean()).isFalse();
        assertThat(answer.path("error").path("code").asText()).isEqualTo(code);
        assertThat(answer.path("error").path("message").asText()).isEqualTo(error);
    }

    /** The message Home Assistant's client would send, id first, with this trigger. */
    private static String trigger(String trigger) {
        return "{\"id\": 1, \"type\": \"subscribe_trigger\", \"trigger\": " + trigger + "}";
    }

    @Test
    void namesThePlatformsItDoesNotSimulate() {
        TestClient client = authenticated(start());

        client.sendText("{\"id\": 1, \"type\": \"subscribe_trigger\", \"trigger\": {\"platform\": \"time\", "
            + "\"at\": \"07:00:00\"}}");

        assertThat(client.next().path("error").path("message").asText()).isEqualTo("The trigger platform 'time' is "
            + "outside the simulator (docs/simulator.md lists the platforms it has). Got {'id': 1, 'type': "
            + "'subscribe_trigger', 'trigger': [{'platform': 'time', 'at': '07:00:00'}]}");
    }

    @Test
    void refusesAnUnknownEntityRegistryId() {
        TestClient client = authenticated(start());

        client.sendText("{\"id\": 1, \"type\": \"subscribe_trigger\", \"trigger\": {\"platform\": \"state\", "
            + "\"entity_id\": \"ffffffffffffffffffffffffffffffff\"}}");

        assertThat(client.next().path("error").path("message").asText()).isEqualTo("Unknown entity registry entry "
            + "ffffffffffffffffffffffffffffffff. Got {'id': 1, 'type': 'subscribe_trigger', 'trigger': "
            + "[{'platform': 'state', 'entity_id': 'ffffffffffffffffffffffffffffffff'}]}");
    }
}
