package io.hacamel.bridge.observability;

import java.time.Duration;
import java.util.Map;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Properties;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.hacamel.bridge.testing.ApiClient;
import io.hacamel.bridge.testing.BridgeTestSupport;
import io.hacamel.bridge.testing.LogCapture;
import io.hacamel.bridge.testing.PrometheusScrape;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** GET /metrics of the whole bridge: requests by type and outcome, events by type with their lag, caches. */
class MetricsTest extends BridgeTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String REQUESTS = "habridge_ha_request_duration_seconds_count";

    @Override
    protected void bridgeProperties(Properties properties) {
        properties.put("filter.exclude-domains", "input_number");
        // every feature on, so that all its meters are there: MQTT (embedded broker) and a webhook target
        properties.put("mqtt.enabled", "true");
        properties.put("mqtt.embedded.port", "0");
        properties.put("webhooks.targets", "probe");
        properties.put("webhook.probe.url", "http://127.0.0.1:9/not-listening");
        properties.put("webhook.probe.events", "removed");
        try {
            properties.put("webhooks.dead-letter-dir", Files.createTempDirectory("dead-letters").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void requestsAreTimedByTypeAndOutcome() {
        awaitReady();
        simulator.faults().withholdNextResults(1, "get_config");

        assertThatThrownBy(() -> template.requestBody("homeassistant:get-config?timeout=300", (Object) null))
                .rootCause().hasMessageContaining("no answer from Home Assistant to 'get_config'");
        assertThatThrownBy(() -> template.requestBody("homeassistant:command", Map.of("type", "no_such/command")))
                .hasStackTraceContaining("unknown_command");
        template.requestBody("homeassistant:get-config", (Object) null);

        PrometheusScrape metrics = scrape();
        int subscriptions = api.get("/health").body().path("home_assistant").path("subscriptions").asInt();
        assertThat(metrics.value(REQUESTS, "type", "subscribe_events", "outcome", "success")).isEqualTo(subscriptions);
        assertThat(metrics.value(REQUESTS, "type", "get_states", "outcome", "success")).isEqualTo(1);
        assertThat(metrics.value(REQUESTS, "type", "get_config", "outcome", "timeout")).isEqualTo(1);
        assertThat(metrics.value(REQUESTS, "type", "get_config", "outcome", "success")).isEqualTo(1);
        assertThat(metrics.value(REQUESTS, "type", "no_such/command", "outcome", "ha_error")).isEqualTo(1);
        assertThat(metrics.value("habridge_ha_request_duration_seconds_bucket", "type", "get_config",
                "outcome", "timeout", "le", "0.25")).isZero();
        assertThat(metrics.value("habridge_ha_request_duration_seconds_bucket", "type", "get_config",
                "outcome", "timeout", "le", "+Inf")).isEqualTo(1);
    }

    @Test
    void aLostSessionShowsInTheOutcomesAndStaleReadsAreCounted() throws Exception {
        awaitReady();
        assertThat(api.get("/api/v1/states").body().get(0).path("stale").asBoolean()).isFalse();
        simulator.faults().withholdNextResults(1, "get_config");
        Future<Object> lost = template.asyncRequestBody("homeassistant:get-config", null);
        await().atMost(WAIT).until(() -> scrape().value("habridge_ha_pending_requests") >= 1);

        simulator.faults().refuseConnections(true);

        await().atMost(WAIT).until(lost::isDone);
        assertThatThrownBy(() -> template.requestBody("homeassistant:get-config", (Object) null))
                .hasStackTraceContaining("no session with Home Assistant");
        await().atMost(WAIT).until(() -> api.get("/api/v1/states").body().get(0).path("stale").asBoolean());
        PrometheusScrape metrics = scrape();
        assertThat(metrics.value(REQUESTS, "type", "get_config", "outcome", "connection_lost")).isEqualTo(1);
        assertThat(metrics.value(REQUESTS, "type", "get_config", "outcome", "not_connected")).isEqualTo(1);
        assertThat(metrics.value("habridge_cache_stale_reads_total")).isEqualTo(1);
        assertThat(metrics.value("habridge_ha_connected")).isZero();
    }

    @Test
    void eventsAreCountedByTypeWithTheirLag() throws Exception {
        awaitReady();
        double subscribed = scrape().value(REQUESTS, "type", "subscribe_events", "outcome", "success");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("homeassistant:events?types=bridge_test_failure").routeId("failing-test-route")
                        .routeConfigurationId("event-errors")
                        .throwException(new IllegalStateException("this route always fails"));
            }
        });
        await().atMost(WAIT).until(() ->
                scrape().value(REQUESTS, "type", "subscribe_events", "outcome", "success") == subscribed + 1);
        PrometheusScrape before = scrape();
        double synced = before.value("habridge_events_processed_total", "type", "state_changed");
        double filteredWhileSyncing = before.value("habridge_events_filtered_total", "type", "state_changed");
        double lagged = before.value("habridge_events_lag_seconds_count");

        try (LogCapture logs = LogCapture.capture()) {
            simulator.home().setState("switch.camel_switch", "on");
            simulator.home().setState("input_number.camel_level", "42.0");
            simulator.home().fireEvent("state_changed", JsonNodeFactory.instance.objectNode().put("note", "no entity"));
            simulator.home().fireEvent("bridge_test_failure", JsonNodeFactory.instance.objectNode());

            await().atMost(WAIT).until(() -> scrape().value("habridge_events_failed_total", "type",
                    "bridge_test_failure") == 1);
            assertThat(logs.lines()).anyMatch(line -> line.startsWith("WARN")
                    && line.contains("Skipped a malformed state_changed event from Home Assistant (no data.entity_id)"));
        }
        await().atMost(WAIT).until(() -> scrape().value("habridge_events_processed_total", "type",
                "state_changed") == synced + 2);
        PrometheusScrape metrics = scrape();
        assertThat(metrics.value("habridge_events_received_total", "type", "state_changed")).isEqualTo(synced + 2);
        assertThat(filteredWhileSyncing).as("the resync's input_number states").isEqualTo(2);
        assertThat(metrics.value("habridge_events_filtered_total", "type", "state_changed"))
                .isEqualTo(filteredWhileSyncing + 1);
        assertThat(metrics.value("habridge_events_malformed_total", "type", "state_changed")).isEqualTo(1);
        assertThat(metrics.value("habridge_events_failed_total", "type", "state_changed")).isZero();
        assertThat(metrics.value("habridge_events_received_total", "type", "bridge_test_failure")).isEqualTo(1);
        assertThat(metrics.value("habridge_events_processed_total", "type", "bridge_test_failure")).isZero();
        assertThat(metrics.value("habridge_events_lag_seconds_count")).isEqualTo(lagged + 3);
        assertThat(metrics.value("habridge_events_queue_depth")).isZero();
    }

    @Test
    void cachesAndCamelShareTheOneRegistry() {
        awaitReady();
        api.get("/api/v1/states/light.camel_lamp");
        api.get("/api/v1/states/light.camel_lamp");
        api.get("/api/v1/states/light.not_in_home_assistant");

        PrometheusScrape metrics = scrape();
        long entities = api.get("/status").body().path("cache").path("entities").asLong();
        assertThat(metrics.value("cache_size", "cache", "ha-states")).isEqualTo(entities).isEqualTo(4);
        assertThat(metrics.value("cache_gets_total", "cache", "ha-states", "result", "hit")).isEqualTo(2);
        assertThat(metrics.value("cache_gets_total", "cache", "ha-states", "result", "miss")).isEqualTo(1);
        assertThat(metrics.has("cache_gets_total", "cache", "ha-services")).isTrue();
        assertThat(metrics.has("cache_gets_total", "cache", "ha-state-groups")).isTrue();
        assertThat(metrics.families()).contains("camel_exchanges_total", "jvm_memory_used_bytes",
                "habridge_ha_connected", "habridge_events_lag_seconds", "habridge_ha_request_duration_seconds");
        PrometheusScrape management = PrometheusScrape.of(new ApiClient(managementPort).get("/observe/metrics").text());
        assertThat(management.families()).containsAll(metrics.families());
    }

    @Test
    void everyDocumentedMetricAndEveryMetricTheAlertsUseIsServed() throws Exception {
        awaitReady();
        // meters labelled by what happened appear with their first occurrence
        api.post("/api/v1/services/light/turn_on", "{\"target\":{\"entity_id\":\"Not An Entity\"}}");
        PrometheusScrape metrics = scrape();

        for (String listed : DocumentedMetrics.listed()) {
            assertThat(metrics.find(listed).size() + metrics.find(listed + "_count").size())
                    .as("%s, listed in docs/metrics.md, is in /metrics", listed).isPositive();
        }
        for (String used : DocumentedMetrics.usedByAlerts()) {
            assertThat(metrics.find(used)).as("%s, used by docs/alerts.yml, is in /metrics", used).isNotEmpty();
        }
        assertThat(metrics.families()).filteredOn(name -> name.startsWith("habridge_"))
                .allSatisfy(family -> assertThat(DocumentedMetrics.listed())
                        .as("%s is listed in docs/metrics.md", family)
                        .contains(family.replaceFirst("_seconds_max$", "_seconds")));
    }

    private PrometheusScrape scrape() {
        return PrometheusScrape.of(api.get("/metrics").text());
    }
}
