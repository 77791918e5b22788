package io.hacamel.bridge.hub;

import io.hacamel.bridge.api.ApiKeyCheck;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HubKeysTest {

    @Test
    void acceptsTheApiKeyAndEveryClientKey() {
        HubKeys keys = new HubKeys(ApiKeyCheck.of("admin"), " one , two,,", true);

        assertThat(keys.required()).isTrue();
        assertThat(keys.accepts("admin")).isTrue();
        assertThat(keys.accepts("one")).isTrue();
        assertThat(keys.accepts(" two ")).isTrue();
        assertThat(keys.accepts("three")).isFalse();
        assertThat(keys.accepts("")).isFalse();
        assertThat(keys.accepts(null)).isFalse();
    }

    @Test
    void asksForAKeyUnlessReadingNeedsNoneAndNoClientKeyIsConfigured() {
        assertThat(new HubKeys(ApiKeyCheck.of("admin"), "", true).required()).as("the shipped settings").isTrue();
        assertThat(new HubKeys(ApiKeyCheck.of("admin"), " , ", false).required()).as("api.public-reads").isFalse();
        assertThat(new HubKeys(ApiKeyCheck.of(null), "", false).required()).as("the open demo").isFalse();
        assertThat(new HubKeys(ApiKeyCheck.of("admin"), "one", false).required()).as("hub keys asked for").isTrue();
    }
}
