package io.hacamel.bridge.api;


import io.hacamel.bridge.testing.ApiClient;
import io.hacamel.bridge.testing.ApiClient.Answer;
import io.hacamel.bridge.testing.BridgeTestSupport;
import io.hacamel.bridge.testing.HubSocket;
import io.hacamel.bridge.testing.LogCapture;
import io.hacamel.bridge.testing.PrometheusScrape;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guessing the key, with the shipped api.key-failures.limit (5) and window (1m): after five wrong keys from one
 * address every request of it that needs a key gets 429, the right key too, over HTTP and at the hub, with one log
 * line; the probes still answer. Wrong keys at the hub count the same.
 */
class KeyBruteForceTest extends BridgeTestSupport {

    private static final int LIMIT = 5;

    @Test
    void fiveWrongKeysAMinuteAndTheAddressWaits() {
        awaitReady();
        ApiClient guesser = new ApiClient(httpPort, "guess");
        try (LogCapture logs = LogCapture.capture()) {
            for (int i = 0; i < LIMIT; i++) {
                assertThat(guesser.get("/api/v1/states").status()).as("guess " + (i + 1)).isEqualTo(401);
            }
            Answer refused = guesser.get("/api/v1/states");
            assertThat(refused.status()).isEqualTo(429);
            assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
            assertThat(refused.body().path("error").asText()).contains("too many wrong API keys");
            assertThat(api.get("/api/v1/states").status()).as("the right key waits too").isEqualTo(429);
            assertThat(guesser.get("/api/v1/states").status()).isEqualTo(429);
            assertThat(HubSocket.refusedHandshake(httpPort, "", "Authorization", "Bearer " + API_KEY))
                    .as("the hub refuses the address too").isEqualTo(429);
            assertThat(api.withoutKey().get("/health/ready").status()).as("the probes answer").isEqualTo(200);
            assertThat(api.withoutKey().get("/").status()).isEqualTo(200);

            assertThat(logs.lines().stream().filter(line -> line.contains("wrong API keys from 127.0.0.1")))
                    .as("one log line for the window").hasSize(1);
            assertThat(logs.lines()).noneMatch(line -> line.contains(API_KEY));
        }
        PrometheusScrape metrics = PrometheusScrape.of(context.getRegistry()
                .lookupByNameAndType("metricsRegistry", PrometheusMeterRegistry.class).scrape());
        assertThat(metrics.value("habridge_api_requests_refused_total", "reason", "wrong_key")).isEqualTo(LIMIT);
        assertThat(metrics.value("habridge_api_requests_refused_total", "reason", "blocked")).isEqualTo(4);
    }

    @Test
    void wrongKeysAtTheHubCountTheSame() {
        awaitReady();
        for (int i = 0; i < LIMIT; i++) {
            assertThat(HubSocket.closeCodeAfter(httpPort, "{\"type\":\"auth\",\"data\":{\"api_key\":\"guess\"}}"))
                    .isEqualTo(4401);
        }
        assertThat(api.get("/api/v1/states").status()).isEqualTo(429);
    }
}
