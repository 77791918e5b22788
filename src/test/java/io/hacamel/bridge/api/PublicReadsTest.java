package io.hacamel.bridge.api;

import java.net.http.HttpRequest;
import java.util.Properties;

import io.hacamel.bridge.testing.ApiClient;
import io.hacamel.bridge.testing.BridgeTestSupport;
import io.hacamel.bridge.testing.HubSocket;
import io.hacamel.bridge.testing.LogCapture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * api.public-reads=true, for a trusted network: reading needs no key (GET, the hub), acting still does, a warning at
 * the start says so, and foreign pages are refused all the same.
 */
class PublicReadsTest extends BridgeTestSupport {

    private static LogCapture logs;

    @BeforeAll
    static void captureLogs() {
        logs = LogCapture.capture();
    }

    @AfterAll
    static void stopCapturing() {
        logs.close();
    }

    @Override
    protected void bridgeProperties(Properties properties) {
        properties.put("api.public-reads", "true");
    }

    @Test
    void readsAreOpenActingIsNotAndTheStartSaysSo() {
        awaitReady();
        assertThat(logs.lines()).anyMatch(line -> line.startsWith("WARN") && line.contains("api.public-reads=true"));
        ApiClient anybody = api.withoutKey();
        assertThat(anybody.get("/api/v1/states").status()).isEqualTo(200);
        assertThat(anybody.get("/api/v1/overview").status()).isEqualTo(200);
        assertThat(anybody.post("/api/v1/services/light/turn_on", "{}").status()).isEqualTo(401);
        assertThat(anybody.send(HttpRequest.newBuilder(anybody.uri("/api/v1/states"))
                .header("Origin", "http://evil.example")).status()).isEqualTo(403);
        assertThat(HubSocket.firstMessage(httpPort)).contains("\"type\":\"connection\"");
    }
}
