package io.hacamel.bridge.client;

import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the bridge reads from Home Assistant's events, and how waiting changes of one entity merge. */
class HaEventTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsAStateChangedEvent() throws Exception {
        HaEvent event = HaEvent.fromHomeAssistant(JSON.readTree(change("light.kitchen", "off", "on", "t1")));

        assertThat(event.eventType()).isEqualTo("state_changed");
        assertThat(event.entityId()).isEqualTo("light.kitchen");
        assertThat(event.domain()).isEqualTo("light");
        assertThat(event.oldState().path("state").asText()).isEqualTo("off");
        assertThat(event.newState().path("state").asText()).isEqualTo("on");
        assertThat(event.timeFired()).isEqualTo("t1");
        assertThat(event.resync()).isFalse();
    }

    @Test
    void coalescingGoesFromTheFirstOldStateToTheLastNewStateWithoutTouchingEither() throws Exception {
        HaEvent first = HaEvent.fromHomeAssistant(JSON.readTree(change("light.kitchen", "off", "on", "t1")));
        HaEvent second = HaEvent.fromHomeAssistant(JSON.readTree(change("light.kitchen", "on", "dim", "t2")));
        String secondBefore = second.event().toString();

        HaEvent merged = HaEvent.coalesce(first, second);

        assertThat(merged.oldState()).isSameAs(first.oldState());
        assertThat(merged.newState()).isSameAs(second.newState());
        assertThat(merged.timeFired()).isEqualTo("t2");
        JsonNode data = merged.event().path("data");
        assertThat(data.path("old_state").path("state").asText()).isEqualTo("off");
        assertThat(data.path("new_state").path("state").asText()).isEqualTo("dim");
        assertThat(second.event().toString()).isEqualTo(secondBefore);
    }

    @Test
    void aMergedChangeHoldsNoChangeMergedBeforeIt() throws Exception {
        HaEvent merged = scanned(change("light.kitchen", "off", "on", "t1"));
        WeakReference<HaEvent> first = new WeakReference<>(merged);
        for (int i = 2; i <= 3; i++) {
            merged = HaEvent.coalesce(merged, scanned(change("light.kitchen", "on", "dim" + i, "t" + i)));
        }

        HaEvent last = merged;
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            System.gc();
            return first.get() == null;
        });
        JsonNode data = last.event().path("data");
        assertThat(data.path("old_state").path("state").asText()).isEqualTo("off");
        assertThat(data.path("new_state").path("state").asText()).isEqualTo("dim3");
        assertThat(last.event().path("time_fired").asText()).isEqualTo("t3");
    }

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

    private static String change(String entityId, String from, String to, String fired) {
        return "{\"event_type\":\"state_changed\",\"data\":{\"entity_id\":\"" + entityId + "\",\"old_state\":"
                + state(entityId, from) + ",\"new_state\":" + state(entityId, to) + "},\"origin\":\"LOCAL\","
                + "\"time_fired\":\"" + fired + "\"}";
    }

    private static String state(String entityId, String state) {
        return "{\"entity_id\":\"" + entityId + "\",\"state\":\"" + state + "\",\"attributes\":{}}";
    }
    /** As the reader makes it: from the frame's bytes, its trees made when asked for. */
    private static HaEvent scanned(String event) throws Exception {
        byte[] frame = ("{\"id\":1,\"type\":\"event\",\"event\":" + event + "}").getBytes(StandardCharsets.UTF_8);
        return EventScan.messages(frame, 0, frame.length).get(0).event();
    }

    private static HaEvent event(String json) throws Exception {
        JsonNode node = JSON.readTree(json.replace('\'', '"'));
        return HaEvent.fromHomeAssistant(node);
    }
}
