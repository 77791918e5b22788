package io.hacamel.bridge.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which events the bridge can use: every event has a type, a state change an entity and states that are objects. */
class HaEventTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void usableEventsHaveNoDefect() throws Exception {
        assertThat(event("{'event_type':'state_changed','data':{'entity_id':'light.a','old_state':null,"
                + "'new_state':{'state':'on'}}}").defect()).isNull();
        assertThat(event("{'event_type':'state_changed','data':{'entity_id':'light.a','old_state':{'state':'on'},"
                + "'new_state':null}}").defect()).isNull();
        assertThat(event("{'event_type':'service_registered','data':{'domain':'light'}}").defect()).isNull();
        assertThat(HaEvent.synced(1, 1, 0, "2024-01-01T00:00:00+00:00").defect()).isNull();
    }

    @Test
    void aDefectSaysWhatIsMissing() throws Exception {
        assertThat(event("{'data':{}}").defect()).isEqualTo("no event_type");
        assertThat(event("{'event_type':'state_changed','data':{'new_state':{}}}").defect())
                .isEqualTo("no data.entity_id");
        assertThat(event("{'event_type':'state_changed','data':{'entity_id':7,'new_state':{}}}").defect())
                .isEqualTo("no data.entity_id");
        assertThat(event("{'event_type':'state_changed','data':{'entity_id':'light.a'}}").defect())
                .isEqualTo("neither data.old_state nor data.new_state");
        assertThat(event("{'event_type':'state_changed','data':{'entity_id':'light.a','new_state':'on'}}").defect())
                .isEqualTo("data.old_state or data.new_state is not an object");
    }

    private static HaEvent event(String json) throws Exception {
        JsonNode node = JSON.readTree(json.replace('\'', '"'));
        return HaEvent.fromHomeAssistant(node);
    }
}
