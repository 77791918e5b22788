package io.hacamel.bridge.commands;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Properties;

import io.hacamel.bridge.simulator.SimulatorOptions;
import io.hacamel.bridge.testing.ApiClient.Answer;
import io.hacamel.bridge.testing.TestCertificates;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Home Assistant over https with a private CA (ha.ca-file): its REST API, for states the cache lacks and for service
 * calls the session cannot take, trusts the CA the WebSocket session trusts.
 */
class RestTlsTest extends ServiceCallTestSupport {

    // no initializer: set while the base class is built, before this class's fields would be
    private TestCertificates certificates;

    @Override
    protected SimulatorOptions simulatorOptions(SimulatorOptions options) {
        try {
            certificates = TestCertificates.create(Files.createTempDirectory("rest-tls"));
        } catch (Exception e) {
            throw new IllegalStateException("cannot make the test certificates", e);
        }
        return options.tls(certificates.serverCertificate().toString(), certificates.serverKey().toString());
    }

    @Override
    protected void serviceCallProperties(Properties properties) {
        properties.put("ha.ca-file", certificates.caCertificate().toString());
        properties.put("cache.mode", "invalidate"); // the first read of a state fetches it over REST
        properties.put("ha.reconnect.initial-delay", "60s");
        properties.put("ha.reconnect.max-delay", "60s");
    }

    @Test
    void aStateTheCacheLacksIsFetchedOverHttps() {
        assertThat(simulator.httpUrl()).startsWith("https://");
        awaitReady();
        long restBefore = simulator.stats().restRequests();

        Answer answer = read("/api/v1/states/light.kitchen_spots");

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.body().path("source").asText()).isEqualTo("home_assistant");
        assertThat(answer.body().path("state").asText()).isEqualTo(state("light.kitchen_spots"));
        assertThat(simulator.stats().restRequests()).isEqualTo(restBefore + 1);
    }

    @Test
    void aCallGoesOverHttpsWhenTheSessionIsDown() {
        awaitReady();
        simulator.faults().dropConnections();
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/health").status() == 503);

        Answer answer = call("input_boolean", "toggle", "{\"target\": {\"entity_id\": \"input_boolean.guest_mode\"}}");

        assertSucceeded(answer, "rest");
        assertThat(state("input_boolean.guest_mode")).isEqualTo("on");
        assertThat(simulator.stats().restExecutions("input_boolean.toggle")).isEqualTo(1);
    }

    private Answer read(String path) {
        return api.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .header("Authorization", "Bearer " + API_KEY));
    }
}
