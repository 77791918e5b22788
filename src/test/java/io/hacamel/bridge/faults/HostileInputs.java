package io.hacamel.bridge.faults;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** The generators of {@link HostileInputTest}: input the bridge must refuse, none of it a valid request. */
final class HostileInputs {

    static final String VALID_CALL = "{\"service_data\":{\"brightness\":120},"
            + "\"target\":{\"entity_id\":[\"light.hallway\",\"light.kitchen_spots\"]},\"correlation_id\":\"c-1\"}";
    static final int MAX_BODY = 65536;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SLUG = Pattern.compile("[a-z0-9_]+");
    private static final Pattern ENTITY_ID = Pattern.compile("[a-z0-9_]+\\.[a-z0-9_]+");

    private HostileInputs() {
    }

    static Arbitrary<String> callBodies() {
        return Arbitraries.oneOf(truncated(VALID_CALL), notAnObject(), wrongTypes(), unknownFields(),
                badEntityIds().map(id -> "{\"target\":{\"entity_id\":" + quote(id) + "}}"),
                badEntityIds().map(id -> "{\"service_data\":{\"entity_id\":[" + quote(id) + "]}}"),
                Arbitraries.of("{\"target\":{},\"target\":{}}", "{\"service_data\":{\"a\":1,\"a\":2}}",
                        "{\"target\":{\"entity_id\":\"light.hallway\"}} trailing", "{\"target\":{\"entity_id\":[]}}"),
                Arbitraries.integers().between(MAX_BODY + 1, 4 * MAX_BODY)
                        .map(size -> "{\"service_data\":{\"x\":\"" + "A".repeat(size) + "\"}}"));
    }

    static Arbitrary<String> broadcasts() {
        return Arbitraries.oneOf(truncated("{\"type\":\"custom_notification\",\"data\":{\"a\":1}}"), notAnObject(),
                Arbitraries.of("{\"type\":5}", "{\"type\":\"Custom\"}", "{\"type\":\"../x\"}", "{\"type\":\"error\"}",
                        "{\"type\":\"entity_state_changed\",\"data\":{}}", "{\"data\":{}}", "{}",
                        "{\"type\":\"note\",\"data\":\"text\"}"),
                Arbitraries.integers().between(MAX_BODY + 1, 2 * MAX_BODY)
                        .map(size -> "{\"type\":\"note\",\"data\":{\"x\":\"" + "B".repeat(size) + "\"}}"));
    }

    static Arbitrary<String> hubMessages() {
        return Arbitraries.oneOf(truncated("{\"type\":\"subscribe\",\"data\":{\"entity_ids\":[\"light.hallway\"]}}"),
                notAnObject(),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(100).filter(s -> !isJson(s)),
                Arbitraries.of("{\"type\":5}", "{\"type\":\"no_such_type\"}", "{\"type\":\"subscribe\",\"data\":\"x\"}",
                        "{\"type\":\"subscribe\",\"data\":{\"entity_ids\":5}}",
                        "{\"type\":\"subscribe\",\"data\":{\"entity_ids\":[\"../etc\"]}}",
                        "{\"type\":\"subscribe\",\"data\":{\"domains\":[{}]}}",
                        "{\"type\":\"subscribe\",\"data\":{\"all\":\"yes\"}}", "{\"type\":null}", "{}"));
    }

    /** Path segments as a client puts them in a URL: traversal, encoded traversal, and any text, URL-encoded. */
    static Arbitrary<String> pathSegments() {
        Arbitrary<String> traversal = Arbitraries.of("..", "../..", "%2e%2e", "%2e%2e%2f%2e%2e", "..%2F..%2Fcanary.json",
                "%252e%252e%252fcanary.json", "..%5C..%5Ccanary.json", "....%2F%2F", "..;", "%00", "light.hallway%00",
                "light.hallway%2F..%2F..", "LIGHT.HALLWAY", "light.hall%20way", "%E2%80%AE", "%C0%AE%C0%AE");
        Arbitrary<String> text = Arbitraries.strings().all().ofMinLength(1).ofMaxLength(40)
                .filter(s -> !SLUG.matcher(s).matches() && !ENTITY_ID.matcher(s).matches())
                .map(s -> URLEncoder.encode(s, StandardCharsets.UTF_8));
        return Arbitraries.oneOf(traversal, text);
    }

    /**
     * One topic level that is not a service name: any Unicode text (dots, %2F, quotes, spaces, upper case, any script)
     * but what MQTT forbids in a level (/, + and #) and what Paho refuses to send (NUL, control characters, lone
     * surrogates, non-characters). Also without a backslash: Artemis, the broker in the tests, turns a topic into an
     * address with backslash as its escape character, so a level ending in one never reaches a subscriber (and one
     * with a backslash inside arrives with it doubled). Mosquitto passes both through; MosquittoTest sends one.
     */
    static Arbitrary<String> topicLevels() {
        return Arbitraries.strings().all().ofMinLength(1).ofMaxLength(30)
                .filter(s -> !SLUG.matcher(s).matches() && s.codePoints().allMatch(HostileInputs::topicCodePoint));
    }

    private static boolean topicCodePoint(int c) {
        boolean nonCharacter = (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;
        return c != '/' && c != '+' && c != '#' && c != '\\' && !Character.isISOControl(c)
                && Character.getType(c) != Character.SURROGATE && !nonCharacter;
    }

    private static Arbitrary<String> truncated(String json) {
        return Arbitraries.integers().between(1, json.length() - 1).map(end -> json.substring(0, end));
    }

    private static Arbitrary<String> notAnObject() {
        return Arbitraries.of("[]", "[{\"target\":{}}]", "42", "-1e999", "\"text\"", "true", "false",
                "\"{\\\"target\\\":{}}\"");
    }

    private static Arbitrary<String> wrongTypes() {
        Arbitrary<String> field = Arbitraries.of("service_data", "target", "return_response");
        Arbitrary<String> value = Arbitraries.of("5", "\"text\"", "[1,2]", "true", "{\"a\":[]}", "-0.5");
        Arbitrary<String> wrongTarget = Arbitraries.of("5", "true", "{}", "[\"light.hallway\", 5]", "[[]]", "[null]")
                .map(v -> "{\"target\":{\"entity_id\":" + v + "}}");
        Arbitrary<String> wrongCorrelation = Arbitraries.of("{}", "[1]", "true", quote("c".repeat(257)))
                .map(v -> "{\"correlation_id\":" + v + "}");
        Arbitrary<String> wrongField = Combinators.combine(field, value)
                .filter((f, v) -> !(f.equals("service_data") && v.startsWith("{"))
                        && !(f.equals("return_response") && v.equals("true")))
                .as((f, v) -> "{\"" + f + "\":" + v + "}");
        return Arbitraries.oneOf(wrongField, wrongTarget, wrongCorrelation);
    }

    private static Arbitrary<String> unknownFields() {
        return Arbitraries.oneOf(Arbitraries.of("entity_id", "__proto__", "constructor", "domain", "Target",
                        "service_data ", ""),
                        Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20))
                .filter(name -> !List.of("service_data", "target", "return_response", "correlation_id").contains(name))
                .map(name -> "{" + quote(name) + ":{}}");
    }

    /** Entity ids Home Assistant has no entity for, the keywords all and none excluded. */
    private static Arbitrary<String> badEntityIds() {
        return Arbitraries.oneOf(Arbitraries.of("Light.Hallway", "light", "light.", ".hallway", "../../etc/passwd",
                        "light.hall way", "light.hallway;drop", "light.hallway\u0000", "", " ", "light.*", "light.hallway,"),
                Arbitraries.strings().all().ofMaxLength(30))
                .filter(id -> !id.equals("all") && !id.equals("none")
                        && !List.of(id.split(",", -1)).stream().allMatch(part -> ENTITY_ID.matcher(part.trim()).matches()));
    }


    private static boolean isJson(String text) {
        try {
            JSON.readTree(text);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
