package io.hacamel.bridge.hub;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HubKeysTest {

    @Test
    void acceptsTheApiKeyAndEveryClientKey() {
        HubKeys keys = new HubKeys("admin", " one , two,,");

        assertThat(keys.required()).isTrue();
        assertThat(keys.accepts("admin")).isTrue();
        assertThat(keys.accepts("one")).isTrue();
        assertThat(keys.accepts(" two ")).isTrue();
        assertThat(keys.accepts("three")).isFalse();
        assertThat(keys.accepts("")).isFalse();
        assertThat(keys.accepts(null)).isFalse();
    }

    @Test
    void asksForNoKeyWhenNoneIsConfigured() {
        assertThat(new HubKeys("", " , ").required()).isFalse();
        assertThat(new HubKeys(null, "").required()).isFalse();
    }
}
