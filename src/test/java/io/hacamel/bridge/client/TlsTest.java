package io.hacamel.bridge.client;

import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hacamel.bridge.simulator.HaSimulator;
import io.hacamel.bridge.simulator.SimulatedHome;
import io.hacamel.bridge.simulator.SimulatorOptions;
import io.hacamel.bridge.testing.HaEventRecorder;
import io.hacamel.bridge.testing.TestCertificates;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.hacamel.bridge.client.ConnectionState.CONNECTING;
import static io.hacamel.bridge.client.ConnectionState.DISCONNECTED;
import static io.hacamel.bridge.client.ConnectionState.READY;
import static org.assertj.core.api.Assertions.assertThat;

/** wss:// to a Home Assistant whose certificate a private CA signed. */
class TlsTest {

    private static final String TOKEN = "tls-test-token";

    @TempDir
    Path directory;

    private final Vertx vertx = Vertx.vertx();
    private final HaEventRecorder recorder = new HaEventRecorder();
    private TestCertificates certificates;
    private HaSimulator simulator;
    private HaConnection connection;

    @BeforeEach
    void startSimulatorWithTls() throws Exception {
        certificates = TestCertificates.create(directory);
        simulator = HaSimulator.start(new SimulatorOptions().vertx(vertx).token(TOKEN).home(SimulatedHome.transcript())
                .tls(certificates.serverCertificate().toString(), certificates.serverKey().toString()));
    }

    @AfterEach
    void tearDown() {
        if (connection != null) {
            connection.stop();
        }
        simulator.close();
        vertx.close();
    }

    @Test
    void connectsWhenTheCaIsTrusted() {
        assertThat(simulator.httpUrl()).startsWith("https://");

        start(options().trustedCaFile(certificates.caCertificate()));

        recorder.nextState(CONNECTING);
        recorder.skipUntilState(READY);
    }

    @Test
    void refusesACertificateItCannotVerify() {
        start(options());

        recorder.nextState(CONNECTING);
        assertThat(recorder.nextState(DISCONNECTED).reason()).containsIgnoringCase("ssl");
        assertThat(simulator.stats().authenticatedClients()).isZero();
        assertThat(simulator.stats().authFailures()).isZero();
    }

    @Test
    void insecureAcceptsAnyCertificate() {
        start(options().insecure(true));

        recorder.nextState(CONNECTING);
        recorder.skipUntilState(READY);
    }

    private HaClientOptions options() {
        return new HaClientOptions().url(simulator.httpUrl()).token(() -> TOKEN)
                .reconnect(Duration.ofSeconds(30), 2.0, Duration.ofSeconds(60), 0.1, 0);
    }

    private void start(HaClientOptions options) {
        connection = new HaConnection(vertx, options, new ObjectMapper());
        connection.addListener(recorder);
        connection.start();
    }
}
