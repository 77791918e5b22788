package io.hacamel.bridge.commands;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.hacamel.bridge.testing.ApiClient.Answer;
import io.hacamel.bridge.testing.BridgeTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With Home Assistant slow to answer, 50 service calls at once: the shipped commands.http.max-concurrent of them wait
 * for it, the others are answered 503 at once with Retry-After, and cached reads and /health/live still answer at
 * once (each service call holds one of the HTTP server's worker threads while it waits).
 */
class ServiceCallBulkheadTest extends BridgeTestSupport {

    private static final String CALL = "/api/v1/services/input_boolean/toggle";
    private static final String BODY = "{\"target\":{\"entity_id\":\"input_boolean.camel_test\"}}";

    @Test
    void slowServiceCallsLeaveThreadsForReadsAndProbes() {
        awaitReady();
        int maxConcurrent = Integer.parseInt(context.resolvePropertyPlaceholders("{{commands.http.max-concurrent}}"));
        assertThat(api.get("/api/v1/states/switch.camel_switch").body().path("source").asText()).isEqualTo("cache");
        simulator.faults().delayResults(Duration.ofSeconds(8)); // longer than commands.timeout: each call waits 5 s

        List<CompletableFuture<Answer>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            calls.add(api.postAsync(CALL, BODY));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> calls.stream().filter(CompletableFuture::isDone).count()
                == 50 - maxConcurrent);
        List<Answer> refused = calls.stream().filter(CompletableFuture::isDone).map(CompletableFuture::join).toList();
        assertThat(refused).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.body().path("success").asBoolean()).isFalse();
            assertThat(answer.body().path("error").asText()).contains("already waiting for Home Assistant");
            assertThat(answer.body().path("timestamp").asText()).isNotEmpty();
        });
        assertThat(retryAfter()).isEqualTo("1");
        assertThat(fastestOfThree("/api/v1/states/switch.camel_switch")).isLessThan(Duration.ofMillis(100));
        assertThat(fastestOfThree("/health/live")).isLessThan(Duration.ofMillis(100));
        assertThat(api.get("/status").body().path("service_calls").path("http_in_flight").asInt())
                .isEqualTo(maxConcurrent);

        List<Answer> waited = calls.stream().map(CompletableFuture::join).filter(answer -> answer.status() != 503)
                .toList();
        assertThat(waited).hasSize(maxConcurrent).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(504);
            assertThat(answer.body().path("outcome").asText()).isEqualTo("unknown");
        });
        simulator.faults().delayResults(Duration.ZERO);
        assertThat(api.post(CALL, BODY).status()).isEqualTo(200);
        assertThat(api.get("/metrics").text()).contains("habridge_command_http_rejected_total " + (50 - maxConcurrent + 1)
                + ".0");
    }

    /** The Retry-After header of one more call while the others still wait. */
    private String retryAfter() {
        Answer answer = api.post(CALL, BODY);
        assertThat(answer.status()).isEqualTo(503);
        return answer.header("Retry-After");
    }

    private Duration fastestOfThree(String path) {
        Duration fastest = null;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            assertThat(api.get(path).status()).isEqualTo(200);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            fastest = fastest == null || took.compareTo(fastest) < 0 ? took : fastest;
        }
        return fastest;
    }
}
