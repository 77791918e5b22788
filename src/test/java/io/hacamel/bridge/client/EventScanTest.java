package io.hacamel.bridge.client;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventScanTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OLD = "{\"entity_id\":\"light.kitchen\",\"state\":\"off\",\"attributes\":"
            + "{\"friendly_name\":\"Küche \\\"main\\\" {1}\",\"rgb\":[255,0,0]},\"last_changed\":\"2024-01-01T00:00:00Z\"}";
    private static final String NEW = "{\"entity_id\":\"light.kitchen\",\"state\":\"on\",\"attributes\":"
            + "{\"friendly_name\":\"Küche \\\"main\\\" {1}\",\"rgb\":[0,255,0]},\"last_changed\":\"2024-01-01T00:00:01Z\"}";
    private static final String EVENT = "{\"event_type\":\"state_changed\",\"data\":{\"entity_id\":\"light.kitchen\","
            + "\"old_state\":" + OLD + ",\"new_state\":" + NEW + "},\"origin\":\"LOCAL\","
            + "\"time_fired\":\"2024-01-01T00:00:01Z\",\"context\":{\"id\":\"c1\"}}";

    @Test
    void readsAnEventFromItsTokensAsTheTreeWouldHaveIt() throws Exception {
        String frame = "[{\"id\":3,\"type\":\"event\",\"event\":" + EVENT + "},{\"id\":9,\"type\":\"pong\"}]";
        byte[] padded = ("xx" + frame + "y").getBytes(StandardCharsets.UTF_8);

        List<EventScan.Message> messages = EventScan.messages(padded, 2, padded.length - 3);

        assertThat(messages).hasSize(2);
        HaEvent scanned = messages.get(0).event();
        HaEvent fromTree = HaEvent.fromHomeAssistant(JSON.readTree(EVENT));
        assertThat(messages.get(0).id()).isEqualTo(3);
        assertThat(scanned.eventType()).isEqualTo("state_changed");
        assertThat(scanned.entityId()).isEqualTo("light.kitchen");
        assertThat(scanned.timeFired()).isEqualTo(fromTree.timeFired());
        assertThat(scanned.newStateValue()).isEqualTo("on");
        assertThat(scanned.oldStateValue()).isEqualTo("off");
        assertThat(scanned.sameStateValue()).isFalse();
        assertThat(scanned.defect()).isNull();
        assertThat(new String(scanned.compactNewState().json(), StandardCharsets.UTF_8)).as("Home Assistant's bytes")
                .isEqualTo(NEW);
        assertThat(scanned.newState()).isEqualTo(fromTree.newState());
        assertThat(scanned.oldState()).isEqualTo(fromTree.oldState());
        assertThat(scanned.event()).isEqualTo(fromTree.event());
        EventScan.Message pong = messages.get(1);
        assertThat(pong.type()).isEqualTo("pong");
        assertThat(pong.event()).isNull();
        assertThat(new String(padded, pong.start(), pong.end() - pong.start(), StandardCharsets.UTF_8))
                .isEqualTo("{\"id\":9,\"type\":\"pong\"}");
    }

    @Test
    void anAddedOrRemovedEntityHasNoOldOrNewState() throws Exception {
        String added = "{\"type\":\"event\",\"id\":1,\"event\":{\"data\":{\"new_state\":" + NEW
                + ",\"old_state\":null,\"entity_id\":\"light.kitchen\"},\"event_type\":\"state_changed\"}}";
        String removed = "{\"type\":\"event\",\"id\":1,\"event\":{\"event_type\":\"state_changed\",\"data\":"
                + "{\"entity_id\":\"light.kitchen\",\"old_state\":" + OLD + ",\"new_state\":null}}}";

        HaEvent addition = scan(added).get(0).event();
        HaEvent removal = scan(removed).get(0).event();

        assertThat(addition.isAddition()).isTrue();
        assertThat(addition.oldState()).isNull();
        assertThat(addition.sameStateValue()).isFalse();
        assertThat(removal.isRemoval()).isTrue();
        assertThat(removal.compactNewState()).isNull();
        assertThat(removal.newStateValue()).isNull();
        assertThat(removal.oldStateValue()).isEqualTo("off");
    }

    @Test
    void eventsOfAnUnusualShapeAreLeftToTheTreeAndMessagesWithoutATypeAreMarked() throws Exception {
        String stringState = "{\"id\":1,\"type\":\"event\",\"event\":{\"event_type\":\"state_changed\",\"data\":"
                + "{\"entity_id\":\"light.kitchen\",\"new_state\":\"on\"}}}";
        String numericEntity = "{\"id\":1,\"type\":\"event\",\"event\":{\"event_type\":\"state_changed\",\"data\":"
                + "{\"entity_id\":5,\"new_state\":" + NEW + "}}}";
        String noType = "{\"id\":1,\"type\":7}";

        assertThat(scan(stringState).get(0).event()).isNull();
        assertThat(scan(numericEntity).get(0).event()).isNull();
        assertThat(scan(noType).get(0).type()).isNull();
        assertThat(scan("[1]").get(0).type()).isNull();
        assertThat(scan("\"text\"")).isNull();
    }

    @Test
    void aFrameThatIsNotJsonIsRefusedWhole() {
        assertThatThrownBy(() -> scan("[{\"id\":1,\"type\":\"pong\"},{\"id\":")).isInstanceOf(Exception.class);
        assertThatThrownBy(() -> scan("{\"id\":1,\"type\":\"pong\"} {}")).isInstanceOf(Exception.class);
    }

    @Test
    void aMergedChangeGoesFromTheFirstOldStateToTheLastNewState() throws Exception {
        HaEvent first = scan("{\"id\":1,\"type\":\"event\",\"event\":" + EVENT + "}").get(0).event();
        String later = EVENT.replace("\"state\":\"on\"", "\"state\":\"dim\"").replace(OLD, NEW.replace(",", " ,"));
        HaEvent second = scan("{\"id\":1,\"type\":\"event\",\"event\":" + later + "}").get(0).event();

        HaEvent merged = HaEvent.coalesce(first, second);

        assertThat(merged.oldStateValue()).isEqualTo("off");
        assertThat(merged.newStateValue()).isEqualTo("dim");
        assertThat(merged.compactNewState()).isSameAs(second.compactNewState());
        JsonNode event = merged.event();
        assertThat(event.path("data").path("old_state")).isEqualTo(JSON.readTree(OLD));
        assertThat(event.path("data").path("new_state").path("state").asText()).isEqualTo("dim");
    }

    private static List<EventScan.Message> scan(String frame) throws Exception {
        byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
        return EventScan.messages(bytes, 0, bytes.length);
    }
}
