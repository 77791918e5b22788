package io.hacamel.bridge.api;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AllowedOriginsTest {

    @Test
    void theBridgesOwnPageIsTheOriginWithTheRequestsHostAndPort() {
        assertThat(AllowedOrigins.sameOrigin("http://127.0.0.1:8080", "127.0.0.1:8080")).isTrue();
        assertThat(AllowedOrigins.sameOrigin("http://Bridge.Local:8080", "bridge.local:8080")).isTrue();
        assertThat(AllowedOrigins.sameOrigin("http://bridge.local", "bridge.local")).isTrue();
        assertThat(AllowedOrigins.sameOrigin("http://bridge.local:80", "bridge.local")).isTrue();
        assertThat(AllowedOrigins.sameOrigin("https://bridge.example", "bridge.example")).as("behind a TLS proxy")
                .isTrue();
        assertThat(AllowedOrigins.sameOrigin("http://[::1]:8080", "[::1]:8080")).isTrue();

        assertThat(AllowedOrigins.sameOrigin("http://127.0.0.1:8081", "127.0.0.1:8080")).isFalse();
        assertThat(AllowedOrigins.sameOrigin("http://evil.example", "bridge.local")).isFalse();
        assertThat(AllowedOrigins.sameOrigin("http://bridge.local:8080", "bridge.local")).isFalse();
        assertThat(AllowedOrigins.sameOrigin("null", "bridge.local")).isFalse();
        assertThat(AllowedOrigins.sameOrigin("http://bridge.local:8080", null)).isFalse();
        assertThat(AllowedOrigins.sameOrigin("not an origin", "bridge.local")).isFalse();
    }

    @Test
    void otherPagesOnlyWhenListed() {
        AllowedOrigins origins = new AllowedOrigins(List.of("https://Dashboard.Example:3000/"),
                List.of("http://tablet.local:8123"));
        assertThat(origins.allows("https://dashboard.example:3000", false)).isTrue();
        assertThat(origins.allows("https://dashboard.example:3000", true)).isTrue();
        assertThat(origins.allows("http://tablet.local:8123", true)).as("a hub origin").isTrue();
        assertThat(origins.allows("http://tablet.local:8123", false)).as("not an API origin").isFalse();
        assertThat(origins.allows("https://dashboard.example", false)).isFalse();
        assertThat(origins.allows("http://evil.example", true)).isFalse();
    }
}
