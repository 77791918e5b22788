package io.hacamel.bridge.client;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hacamel.bridge.simulator.HaSimulator;
import io.hacamel.bridge.simulator.SimulatedHome;
import io.hacamel.bridge.simulator.SimulatorOptions;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The session tells its request observer how every command ended and how long it took. */
class RequestObserverTest {

    private static final String TOKEN = "observer-test-token";

    /** One command's end, as the observer was told. */
    private record Completed(String type, long nanos, HaErrorCode failure) {
    }

    private final Vertx vertx = Vertx.vertx();
    private final HaSimulator simulator = HaSimulator.start(new SimulatorOptions().vertx(vertx).token(TOKEN)
            .home(SimulatedHome.transcript()));
    private final BlockingQueue<Completed> completed = new LinkedBlockingQueue<>();
    private final HaConnection connection = new HaConnection(vertx,
            new HaClientOptions().url(simulator.httpUrl()).token(() -> TOKEN)
                    .reconnect(Duration.ofMillis(100), 2.0, Duration.ofSeconds(1), 0.1, 0),
            new ObjectMapper());

    @AfterEach
    void tearDown() {
        connection.stop();
        simulator.close();
        vertx.close();
    }

    @Test
    void everyOutcomeIsReportedOnceWithItsType() throws Exception {
        connection.observeRequests((type, nanos, failure) -> completed.add(new Completed(type, nanos, failure)));
        assertThatThrownBy(() -> connection.request(HaMessages.getConfig()).join())
                .hasCauseInstanceOf(HaException.class);
        assertThat(next()).isEqualTo(new Completed("get_config", 0, HaErrorCode.NOT_CONNECTED));

        connection.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> connection.state() == ConnectionState.READY);
        assertThat(next().type()).isEqualTo("supported_features");
        completed.clear();

        connection.request(HaMessages.getConfig()).join();
        Completed success = next();
        assertThat(success.type()).isEqualTo("get_config");
        assertThat(success.failure()).isNull();
        assertThat(success.nanos()).isPositive();

        assertThatThrownBy(() -> connection.request(HaMessages.command("no_such/command")).join())
                .isInstanceOf(CompletionException.class);
        assertThat(next()).extracting(Completed::type, Completed::failure)
                .containsExactly("no_such/command", HaErrorCode.HOME_ASSISTANT_ERROR);

        simulator.faults().withholdNextResults(1, "get_config");
        assertThatThrownBy(() -> connection.request(HaMessages.getConfig(), Duration.ofMillis(200)).join())
                .hasCauseInstanceOf(HaException.class);
        Completed timeout = next();
        assertThat(timeout.failure()).isEqualTo(HaErrorCode.TIMEOUT);
        assertThat(timeout.nanos()).isGreaterThanOrEqualTo(Duration.ofMillis(200).toNanos());

        simulator.faults().withholdNextResults(1, "get_config");
        var lost = connection.request(HaMessages.getConfig());
        await().atMost(Duration.ofSeconds(10)).until(() -> connection.pendingRequests() > 0);
        simulator.faults().dropConnections();
        assertThatThrownBy(lost::join).hasCauseInstanceOf(HaException.class);
        assertThat(next()).extracting(Completed::type, Completed::failure)
                .containsExactly("get_config", HaErrorCode.CONNECTION_LOST);
    }

    private Completed next() throws InterruptedException {
        Completed next = completed.poll(10, TimeUnit.SECONDS);
        assertThat(next).as("a completed request within 10 s").isNotNull();
        return next;
    }
}
