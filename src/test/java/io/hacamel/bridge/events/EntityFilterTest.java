package io.hacamel.bridge.events;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EntityFilterTest {

    @Test
    void excludedDomainsGoFirstThenIncludesArePrefixesOrGlobs() {
        EntityFilter filter = new EntityFilter(true, "light., sensor.*_temperature, switch.garage", "camera,light_group");

        assertThat(filter.matches("light.kitchen")).isTrue();
        assertThat(filter.matches("sensor.kitchen_temperature")).isTrue();
        assertThat(filter.matches("sensor.kitchen_humidity")).isFalse();
        assertThat(filter.matches("switch.garage_door")).isTrue();
        assertThat(filter.matches("camera.front")).isFalse();
        assertThat(filter.matches("lightx.kitchen")).isFalse();
    }

    @Test
    void withoutIncludesEverythingOutsideTheExcludedDomainsIsTracked() {
        EntityFilter filter = new EntityFilter(true, "", "media_player");

        assertThat(filter.matches("sensor.anything")).isTrue();
        assertThat(filter.matches("media_player.tv")).isFalse();
    }

    @Test
    void disabledTracksEverythingAndCountingIsSeparateFromMatching() {
        EntityFilter filter = new EntityFilter(false, "light.", "sensor");
        assertThat(filter.matches("sensor.x")).isTrue();

        EntityFilter counting = new EntityFilter(true, "light.", "");
        List<String> filteredTypes = new ArrayList<>();
        counting.onFiltered(filteredTypes::add);
        counting.accepts("light.a", "state_changed");
        counting.accepts("sensor.b", "state_changed");
        counting.matches("sensor.c");
        assertThat(counting.acceptedCount()).isEqualTo(1);
        assertThat(counting.filteredCount()).isEqualTo(1);
        assertThat(filteredTypes).containsExactly("state_changed");
    }

    @Test
    void excludePatternsWinOverIncludes() {
        EntityFilter filter = new EntityFilter(true, "sensor.", "", "sensor.*_rssi, camera.");

        assertThat(filter.matches("sensor.kitchen_temperature")).isTrue();
        assertThat(filter.matches("sensor.kitchen_rssi")).isFalse();
        assertThat(filter.matches("camera.front")).isFalse();
        assertThat(filter.matches("light.kitchen")).isFalse();
    }
}
