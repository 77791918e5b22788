package io.hacamel.bridge.hub;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/** The area index: areas of entities, inherited from their device, and the moves each load reports. */
class AreaIndexTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AREAS = "[{\"area_id\":\"kitchen\",\"name\":\"Kitchen\"},"
            + "{\"area_id\":\"hallway\",\"name\":\"Hallway\"}]";

    private final AreaIndex index = new AreaIndex();
    private final List<List<AreaIndex.Move>> reported = new ArrayList<>();

    AreaIndexTest() {
        index.onMoves(reported::add);
    }

    @Test
    void anEntityWithoutAnAreaOfItsOwnIsInItsDevicesArea() throws Exception {
        load(AREAS, "[{\"id\":\"lock_device\",\"area_id\":\"hallway\"}]",
                "[{\"entity_id\":\"lock.front_door\",\"area_id\":null,\"device_id\":\"lock_device\"},"
                        + "{\"entity_id\":\"light.spots\",\"area_id\":\"kitchen\",\"device_id\":\"lock_device\"},"
                        + "{\"entity_id\":\"sensor.outdoor\",\"area_id\":null,\"device_id\":null}]");

        assertThat(index.isLoaded()).isTrue();
        assertThat(index.areaOf("lock.front_door")).isEqualTo("hallway");
        assertThat(index.areaOf("light.spots")).as("its own area wins").isEqualTo("kitchen");
        assertThat(index.areaOf("sensor.outdoor")).isNull();
        assertThat(index.areas()).containsExactly(entry("kitchen", "Kitchen"), entry("hallway", "Hallway"));
    }

    @Test
    void eachLoadReportsTheEntitiesThatJoinedLeftOrChangedArea() throws Exception {
        load(AREAS, "[]", "[{\"entity_id\":\"light.a\",\"area_id\":\"kitchen\"},"
                + "{\"entity_id\":\"light.b\",\"area_id\":\"kitchen\"},{\"entity_id\":\"light.c\",\"area_id\":null}]");
        reported.clear();

        load(AREAS, "[]", "[{\"entity_id\":\"light.a\",\"area_id\":\"hallway\"},"
                + "{\"entity_id\":\"light.b\",\"area_id\":\"kitchen\"},{\"entity_id\":\"light.c\",\"area_id\":\"kitchen\"}]");
        load(AREAS, "[]", "[{\"entity_id\":\"light.b\",\"area_id\":\"kitchen\"},"
                + "{\"entity_id\":\"light.c\",\"area_id\":\"kitchen\"}]");
        load(AREAS, "[]", "[{\"entity_id\":\"light.b\",\"area_id\":\"kitchen\"},"
                + "{\"entity_id\":\"light.c\",\"area_id\":\"kitchen\"}]");

        assertThat(reported).hasSize(2);
        assertThat(reported.get(0)).containsExactlyInAnyOrder(new AreaIndex.Move("light.a", "kitchen", "hallway"),
                new AreaIndex.Move("light.c", null, "kitchen"));
        assertThat(reported.get(1)).containsExactly(new AreaIndex.Move("light.a", "hallway", null));
    }

    @Test
    void resolvesAnAreaByIdOrByNameIgnoringCase() throws Exception {
        assertThat(index.resolve("kitchen")).isNull();
        load(AREAS, "[]", "[]");

        assertThat(index.resolve("kitchen")).isEqualTo("kitchen");
        assertThat(index.resolve("HALLWAY")).isEqualTo("hallway");
        assertThat(index.resolve("attic")).isNull();
    }

    private void load(String areas, String devices, String entities) throws Exception {
        index.load(JSON.readTree(areas), JSON.readTree(devices), JSON.readTree(entities));
    }
}
