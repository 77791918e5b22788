package io.hacamel.bridge.simulator;

import java.util.List;

/**
 * The home of the recorded Home Assistant 2023.6.3 session: six entities with their recorded states, timestamps
 * and contexts. {@code switch.camel_switch} follows {@code input_boolean.camel_test}, and {@code light.camel_lamp}
 * is a template light kept in {@code input_boolean.camel_lamp_state} and {@code input_number.camel_lamp_brightness}.
 */
final class TranscriptHome {

    private static final List<String> COMPONENTS = List.of("light.template", "persistent_notification", "api",
        "auth", "template", "switch.template", "input_number", "websocket_api", "http", "homeassistant", "logger",
        "switch", "light", "input_boolean");

    private TranscriptHome() {
    }

    static SimulatedHome create() {
        return new HomeBuilder("Camel Test Home", COMPONENTS)
            .services("homeassistant", "persistent_notification", "logger", "switch", "template", "light",
                "input_number", "input_boolean")
            .restored("input_number.camel_level", "50.0", Attributes.parse("{\"initial\":50.0,\"editable\":false,"
                    + "\"min\":0.0,\"max\":100.0,\"step\":1.0,\"mode\":\"slider\",\"friendly_name\":\"Camel Level\"}"),
                "2026-11-21T21:38:37.537689+00:00", "01M800R1B19QMGXQK01XSJG103")
            .restored("input_number.camel_lamp_brightness", "128.0", Attributes.parse("{\"initial\":128.0,"
                    + "\"editable\":false,\"min\":0.0,\"max\":255.0,\"step\":1.0,\"mode\":\"slider\","
                    + "\"friendly_name\":\"Camel Lamp backing brightness\"}"),
                "2026-11-21T21:38:37.537911+00:00", "01M800R1B1K657Z5FRSWY51XAF")
            .restored("input_boolean.camel_test", "off", Attributes.parse("{\"editable\":false,"
                    + "\"icon\":\"mdi:toggle-switch\",\"friendly_name\":\"Camel Test Boolean\"}"),
                "2026-11-21T21:38:37.538270+00:00", "01M800R1B2GYTFR6YAXERJ4719")
            .restored("input_boolean.camel_lamp_state", "off", Attributes.parse("{\"editable\":false,"
                    + "\"friendly_name\":\"Camel Lamp backing state\"}"),
                "2026-11-21T21:38:37.538470+00:00", "01M800R1B2N1AFSNWYNS2AEKP7")
            .restored("switch.camel_switch", "off", Attributes.parse("{\"friendly_name\":\"Camel Switch\"}"),
                "2026-11-21T21:38:37.546685+00:00", "01M800R1BA2D6V14K1RWJ4K6QN")
            .restored("light.camel_lamp", "off", Attributes.parse("{\"supported_color_modes\":[\"brightness\"],"
                    + "\"friendly_name\":\"Camel Lamp\",\"supported_features\":0}"),
                "2026-11-21T21:38:37.546894+00:00", "01M800R1BAT5F2N6TVJ2A0P958")
            .derived(new MirroredEntity("switch.camel_switch", "input_boolean.camel_test"))
            .derived(new TemplateLight("light.camel_lamp", "input_boolean.camel_lamp_state",
                "input_number.camel_lamp_brightness"))
            .build();
    }
}
