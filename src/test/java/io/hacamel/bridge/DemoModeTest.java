package io.hacamel.bridge;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Collections;
import java.util.Optional;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import io.hacamel.bridge.testing.BridgeTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * Without a Home Assistant URL the bridge runs against its built-in simulator, and the demo home changes, every
 * demo.change-interval as shipped. Without a key, as a newcomer first runs it, it asks for none and therefore answers
 * this machine only; foreign pages are refused all the same.
 */
class DemoModeTest extends BridgeTestSupport {

    @Override
    protected void bridgeProperties(Properties properties) {
        properties.put("ha.url", "");
        properties.put("ha.token", "");
        properties.put("bridge.api-key", "");
    }

    @Test
    void servesTheDemoHomeAndItsChanges() {
        awaitReady();

        JsonNode states = api.get("/api/v1/states").body();
        assertThat(states.size()).isGreaterThan(24);
        assertThat(api.get("/status").body().path("configuration").path("ha.url").asText())
                .startsWith("http://127.0.0.1:").isNotEqualTo(simulator.httpUrl());
        await().atMost(Duration.ofSeconds(10)).until(() -> !api.get("/api/v1/states").body().equals(states));
    }

    @Test
    void withoutAKeyItAnswersThisMachineOnlyAndNoForeignPage() throws IOException {
        awaitReady();
        assertThat(api.key()).isNull();
        assertThat(api.send(HttpRequest.newBuilder(api.uri("/api/v1/states")).header("Origin", "http://evil.example"))
                .status()).isEqualTo(403);
        assertThat(api.send(HttpRequest.newBuilder(api.uri("/api/v1/services/lock/unlock"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))).status()).as("no Content-Type").isEqualTo(415);

        Optional<InetAddress> lan = nonLoopbackAddress();
        assumeThat(lan).as("an address of this machine other than loopback").isPresent();
        try (Socket socket = new Socket()) {
            assertThatThrownBy(() -> socket.connect(new InetSocketAddress(lan.get(), httpPort), 5_000))
                    .isInstanceOf(ConnectException.class);
        }
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
        return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(network -> Collections.list(network.getInetAddresses()).stream())
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
                .findFirst();
    }
}
