package io.hacamel.bridge;

import java.io.IOException;
import java.io.Reader;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hacamel.bridge.api.SessionStatus;
import io.hacamel.bridge.client.ConnectionState;
import io.hacamel.bridge.cluster.ConfiguredElection;
import io.hacamel.bridge.cluster.Leadership;
import io.hacamel.bridge.homeassistant.HomeAssistantComponent;
import io.hacamel.bridge.hub.ListeningHubClient;
import io.hacamel.bridge.hub.RawHubClient;
import io.hacamel.bridge.mqtt.MqttConnection;
import io.hacamel.bridge.simulator.SimulatorOptions;
import io.hacamel.bridge.simulator.SimulatorRecorder.Inbound;
import io.hacamel.bridge.testing.ApiClient.Answer;
import io.hacamel.bridge.testing.BridgeTestSupport;
import io.hacamel.bridge.testing.HaEventRecorder;
import io.hacamel.bridge.testing.LogCapture;
import io.hacamel.bridge.testing.RawHttp;
import io.hacamel.bridge.testing.SilentMqttBroker;
import io.hacamel.bridge.testing.WebhookSink;
import io.hacamel.bridge.testing.WebhookSink.Request;
import org.apache.camel.Channel;
import org.apache.camel.Navigate;
import org.apache.camel.Processor;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.component.http.HttpEndpoint;
import org.apache.camel.component.kubernetes.cluster.KubernetesClusterService;
import org.apache.camel.processor.errorhandler.RedeliveryErrorHandler;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bridge with the shipped application.properties, changed only in where things are (the simulator, ports, a
 * webhook target, the MQTT broker) and in a hub key: every duration setting is in effect, at its shipped value, where
 * it is used. What a minute allows is watched happening, each wait as a lower bound (an upper bound would fail on a
 * busy machine; where its two ends are seen on different sides, a little below the setting); a cap that only minutes
 * of failures would reach is read from the object that applies it, and so is the timing of a pair's election. One
 * bridge, one timeline of about 70 s: the short waits run side by side, the 30 s and 60 s ones around them.
 */
class ShippedSettingsTest extends BridgeTestSupport {

    /** Every duration key of application.properties, and where this test watches it. */
    private static final Set<String> EXERCISED = Set.of(
            "ha.handshake-timeout", "ha.request-timeout", "ha.ping-interval", "ha.pong-timeout",
            "ha.reconnect.initial-delay", "ha.reconnect.max-delay", "ha.rest.connect-timeout",
            "ha.rest.response-timeout", "cache.not-found-ttl", "commands.timeout",
            "camel.resilience4j.wait-duration-in-open-state", "mqtt.keep-alive", "mqtt.connect-timeout",
            "mqtt.publish-timeout", "mqtt.reconnect.initial-delay", "mqtt.reconnect.max-delay",
            "webhooks.connect-timeout", "webhooks.response-timeout", "webhooks.retry.initial-delay",
            "webhooks.retry.max-delay", "hub.auth-timeout", "hub.read-timeout", "hub.write-timeout",
            "hub.heartbeat-interval", "api.header-timeout", "api.idle-timeout", "api.key-failures.window",
            "cluster.lease-duration", "cluster.renew-deadline", "cluster.retry-period",
            "demo.change-interval"); // demo mode only: DemoModeTest
    private static final Pattern DURATION_KEY = Pattern.compile(".*(timeout|delay|interval|duration|ttl|keep-alive).*");
    private static final String HUB_KEY = "hub-key-3c9e51";
    private static final String TOGGLE = "{\"target\":{\"entity_id\":\"input_boolean.camel_test\"}}";
    /** Nothing else in the test changes it (a service call on input_boolean.camel_test changes the switch). */
    private static final String LAMP = "light.camel_lamp";
    private static LogCapture logs;

    private WebhookSink sink;
    private SilentMqttBroker mqttBroker;
    private Properties overrides;

    @BeforeAll
    static void captureLogs() {
        logs = LogCapture.capture();
    }

    @AfterAll
    static void stopCapturing() {
        logs.close();
    }

    @Override
    protected void shortenDurations(Properties properties) {
        // nothing: this test keeps every shipped duration
    }

    @Override
    protected SimulatorOptions simulatorOptions(SimulatorOptions options) {
        // the simulator's own auth timeout must not end a handshake before the bridge's does
        return options.recordFrames(true).authTimeout(Duration.ofMinutes(5));
    }

    @Override
    protected void bridgeProperties(Properties properties) {
        sink = WebhookSink.start();
        mqttBroker = SilentMqttBroker.start();
        properties.put("webhooks.targets", "shipped");
        properties.put("webhook.shipped.url", sink.url("/hooks/shipped"));
        properties.put("webhook.shipped.entities", LAMP);
        properties.put("webhook.shipped.events", "state");
        try {
            properties.put("webhooks.dead-letter-dir", Files.createTempDirectory("dead-letters").toString());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        properties.put("mqtt.enabled", "true");
        properties.put("mqtt.url", mqttBroker.url());
        properties.put("hub.client-api-keys", HUB_KEY);
        overrides = new Properties(); // a copy: the bridge adds its own overrides to the one it is given
        overrides.putAll(properties);
    }

    @Override
    protected void doPostTearDown() throws Exception {
        super.doPostTearDown();
        sink.close();
        mqttBroker.close();
    }

    @Test
    void everyShippedDurationIsInEffectWhereItIsUsed() throws Exception {
        assertThat(shippedDurationKeys()).as("duration settings in application.properties").isEqualTo(EXERCISED);
        assertThat(overrides.stringPropertyNames()).as("what this test changes").noneMatch(EXERCISED::contains);
        awaitReady();
        HaEventRecorder session = new HaEventRecorder();
        context.getRegistry().lookupByNameAndType("session", SessionStatus.class).connection().addListener(session);
        Instant connected = Instant.parse(api.get("/status").body().path("home_assistant").path("connected_since")
                .asText());
        ListeningHubClient patient = ListeningHubClient.connect(httpPort, HUB_KEY);

        List<CompletableFuture<Void>> sideBySide = List.of(
                CompletableFuture.runAsync(this::webhooksRetryAfterTheirTimeout),
                CompletableFuture.runAsync(this::notFoundIsKeptThenRestTimesOut),
                CompletableFuture.runAsync(this::callsAndCommandsTimeOutAndTheBreakerOpens),
                CompletableFuture.runAsync(this::hubClientsTimeOut),
                CompletableFuture.runAsync(this::wrongKeysBlockAnAddressForTheWindow));
        for (CompletableFuture<Void> check : sideBySide) {
            check.get(90, TimeUnit.SECONDS); // rethrows what failed
        }

        // beside the heartbeat, which needs the first ping (30 s after the connect) to still be ahead
        CompletableFuture<Void> apiTimeouts = CompletableFuture.runAsync(this::apiConnectionsTimeOut);
        heartbeatHandshakeAndReconnects(session, connected);
        apiTimeouts.get(60, TimeUnit.SECONDS);
        theBreakerWaitsItsTimeOpen();
        hubPingsHeartbeatsAndReadTimeout(patient);
        mqttConnectsWithItsTimeoutsAndBacksOff();
        theCapsAndConnectTimeoutsAreWhereTheyAreUsed();
        theElectionsTimingIsWhereAPairUsesIt();
    }

    /** webhooks.response-timeout 10s, then webhooks.retry.initial-delay 1s, doubling (multiplier 2.0). */
    private void webhooksRetryAfterTheirTimeout() {
        sink.stall();
        simulator.home().setState(LAMP, "on");
        Request first = sink.next();
        sink.stopStalling();
        sink.answerNext(503);
        Request second = sink.next();
        Request third = sink.next();

        assertThat(List.of(first, second, third)).extracting(request -> request.header("X-Bridge-Attempt"))
                .containsExactly("1", "2", "3");
        assertThat(Duration.between(first.received(), second.received())).isGreaterThan(Duration.ofMillis(10_500));
        assertThat(Duration.between(second.received(), third.received())).isGreaterThan(Duration.ofMillis(1_500));
        await().atMost(Duration.ofSeconds(10)).until(() -> webhookTarget().path("delivered").asLong() == 1);
        assertThat(webhookTarget().path("retries").asLong()).isEqualTo(2);
        assertThat(webhookTarget().path("dead_lettered").asLong()).isZero();
        sink.assertExhausted(); // the HTTP client re-sent nothing by itself
    }

    /** cache.not-found-ttl 5s, then ha.rest.response-timeout 10s. */
    private void notFoundIsKeptThenRestTimesOut() {
        long restBefore = simulator.stats().restRequests();
        assertThat(api.get("/api/v1/states/light.nowhere").status()).isEqualTo(404);
        Instant notFound = Instant.now();
        await().atMost(Duration.ofSeconds(15)).until(() -> api.get("/api/v1/states/light.nowhere").status() == 404
                && simulator.stats().restRequests() == restBefore + 2);
        assertThat(Duration.between(notFound, Instant.now())).isGreaterThan(Duration.ofMillis(4_500));

        simulator.faults().restHang(true);
        Instant asked = Instant.now();
        Answer hung = api.get("/api/v1/states/light.elsewhere");
        simulator.faults().restHang(false);
        assertThat(hung.status()).isEqualTo(504);
        assertThat(Duration.between(asked, Instant.now())).isGreaterThan(Duration.ofMillis(9_900));
    }

    /** commands.timeout 5s (five unknown outcomes open the breaker), ha.request-timeout 5s. */
    private void callsAndCommandsTimeOutAndTheBreakerOpens() {
        simulator.faults().withholdNextResults(5, "call_service");
        Instant called = Instant.now();
        List<CompletableFuture<Answer>> waiting = IntStream.range(0, 5)
                .mapToObj(i -> api.postAsync("/api/v1/services/input_boolean/toggle", TOGGLE)).toList();
        List<Answer> calls = waiting.stream().map(CompletableFuture::join).toList();
        assertThat(calls).allSatisfy(call -> assertThat(call.body().path("outcome").asText()).isEqualTo("unknown"));
        assertThat(Duration.between(called, Instant.now())).isGreaterThan(Duration.ofMillis(4_900));
        assertThat(breaker().path("state").asText()).isEqualTo("OPEN");

        simulator.faults().withholdNextResults(1, "get_services");
        Instant asked = Instant.now();
        assertThat(api.get("/api/v1/services").status()).isEqualTo(504);
        assertThat(Duration.between(asked, Instant.now())).isGreaterThan(Duration.ofMillis(4_900));
    }

    /** hub.auth-timeout 10s; hub.write-timeout 10s. */
    private void hubClientsTimeOut() {
        Instant connected = Instant.now();
        try (RawHubClient keyless = RawHubClient.connect(httpPort, "/ws", 65536, Duration.ofSeconds(30))) {
            assertThat(keyless.awaitCloseCode()).isEqualTo(4401);
        }
        assertThat(Duration.between(connected, Instant.now())).isGreaterThan(Duration.ofMillis(9_900));

        simulator.home().addEntity("sensor.padded", "0", null);
        ObjectNode padded = new ObjectMapper().createObjectNode().put("padding", "p".repeat(32 * 1024));
        try (RawHubClient stalled = RawHubClient.connect(httpPort, "/ws?api_key=" + HUB_KEY, 4096,
                Duration.ofSeconds(30))) {
            stalled.sendText("{\"type\":\"subscribe\",\"data\":{\"entity_ids\":[\"sensor.padded\"]}}");
            Instant flooding = Instant.now();
            int[] change = {0};
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (int i = 0; i < 50; i++) {
                    simulator.home().setState("sensor.padded", String.valueOf(change[0]++), padded);
                }
                return hubDisconnects("write_timeout") == 1;
            });
            assertThat(Duration.between(flooding, Instant.now())).isGreaterThan(Duration.ofMillis(9_900));
        }
    }

    /** api.header-timeout 10s for a connection that sends nothing; api.idle-timeout 30s for a body that stops. */
    private void apiConnectionsTimeOut() {
        try (Socket silent = RawHttp.open("127.0.0.1", httpPort); Socket stalled = RawHttp.open("127.0.0.1", httpPort)) {
            Instant opened = Instant.now();
            RawHttp.write(stalled, "POST /api/v1/websocket/broadcast HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + API_KEY + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"type\":");
            assertThat(RawHttp.readUntilClosed(silent)).isEmpty();
            assertThat(Duration.between(opened, Instant.now())).isGreaterThan(Duration.ofMillis(9_900));
            RawHttp.readUntilClosed(stalled);
            assertThat(Duration.between(opened, Instant.now())).isGreaterThan(Duration.ofMillis(29_900));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** api.key-failures.window 1m: an address that sent five wrong keys is told to wait out the minute. */
    private void wrongKeysBlockAnAddressForTheWindow() {
        String guess = "GET /api/v1/states HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer guess\r\n"
                + "Connection: close\r\n\r\n";
        for (int i = 0; i < 5; i++) {
            assertThat(RawHttp.exchange("127.0.0.3", httpPort, guess)).startsWith("HTTP/1.1 401");
        }
        String refused = RawHttp.exchange("127.0.0.3", httpPort, guess);
        assertThat(refused).startsWith("HTTP/1.1 429");
        Matcher retryAfter = Pattern.compile("(?i)retry-after: (\\d+)").matcher(refused);
        assertThat(retryAfter.find()).as(refused).isTrue();
        assertThat(Long.parseLong(retryAfter.group(1))).isBetween(55L, 60L);
    }

    /** ha.ping-interval 30s, ha.pong-timeout 10s, ha.handshake-timeout 10s, ha.reconnect.initial-delay 1s. */
    private void heartbeatHandshakeAndReconnects(HaEventRecorder session, Instant connected) {
        simulator.faults().goSilent(true); // the next ping gets no pong, the next handshake no answer
        Instant ping = nextPing();
        assertThat(Duration.between(connected, ping)).isGreaterThan(Duration.ofMillis(29_900));
        HaEventRecorder.StateChange lost = session.skipUntilState(ConnectionState.DISCONNECTED, Duration.ofSeconds(30));
        assertThat(lost.reason()).contains("no pong within 10000 ms");
        assertThat(Duration.between(ping, lost.at())).isGreaterThan(Duration.ofMillis(9_500));
        assertThat(plannedMillis(lost)).as("1s less up to 10% jitter").isBetween(900L, 1_000L);

        HaEventRecorder.StateChange connecting = session.skipUntilState(ConnectionState.CONNECTING,
                Duration.ofSeconds(5));
        HaEventRecorder.StateChange unanswered = session.skipUntilState(ConnectionState.DISCONNECTED,
                Duration.ofSeconds(30));
        assertThat(unanswered.reason()).contains("no auth_ok from Home Assistant within 10000 ms");
        assertThat(Duration.between(connecting.at(), unanswered.at())).isGreaterThan(Duration.ofMillis(9_500));
        assertThat(plannedMillis(unanswered)).as("2s (multiplier 2.0) less jitter").isBetween(1_800L, 2_000L);
        simulator.faults().goSilent(false);
        session.skipUntilState(ConnectionState.READY, Duration.ofSeconds(30));
    }

    /** camel.resilience4j.wait-duration-in-open-state 60 (seconds): calls go over REST until the breaker probes. */
    private void theBreakerWaitsItsTimeOpen() {
        Instant opened = Instant.parse(breaker().path("last_transition_at").asText());
        String[] via = {""};
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            Answer call = api.post("/api/v1/services/input_boolean/toggle", TOGGLE);
            via[0] = call.body().path("via").asText();
            if (via[0].equals("rest")) {
                assertThat(call.body().path("fallback_reason").asText()).contains("circuit breaker is open");
            }
            return via[0].equals("websocket");
        });
        assertThat(Duration.between(opened, Instant.now())).isGreaterThan(Duration.ofMillis(59_900));
        assertThat(breaker().path("state").asText()).isEqualTo("CLOSED");
    }

    /**
     * hub.read-timeout 60s; pinged every half of the shorter of it and api.idle-timeout (30s), which would close a
     * silent connection; hub.heartbeat-interval 30s.
     */
    private static void hubPingsHeartbeatsAndReadTimeout(ListeningHubClient client) {
        ListeningHubClient.Frame close = client.closed(Duration.ofSeconds(80));
        assertThat(close.closeCode()).isEqualTo(4408);
        assertThat(Duration.between(client.connected(), close.at())).isGreaterThan(Duration.ofMillis(59_900));
        Instant ping = client.frames().stream().filter(frame -> frame.opcode() == 9).findFirst().orElseThrow().at();
        assertThat(Duration.between(client.connected(), ping)).isGreaterThan(Duration.ofMillis(14_900));
        List<Instant> heartbeats = client.frames().stream().filter(frame -> frame.opcode() == 1
                && frame.text().contains("\"heartbeat\"")).map(ListeningHubClient.Frame::at).toList();
        assertThat(heartbeats).hasSizeGreaterThanOrEqualTo(2);
        assertThat(Duration.between(heartbeats.get(0), heartbeats.get(1))).isGreaterThan(Duration.ofSeconds(29));
    }

    /** mqtt.keep-alive 30s, mqtt.connect-timeout 10s, mqtt.reconnect.initial-delay 1s, doubling. */
    private void mqttConnectsWithItsTimeoutsAndBacksOff() {
        SilentMqttBroker.Unanswered first = mqttBroker.first(Duration.ofSeconds(5));
        assertThat(first.keepAliveSeconds()).isEqualTo(30);
        // the broker sees the connection a moment after the client starts waiting for it
        assertThat(Duration.between(first.accepted(), first.closed())).isGreaterThan(Duration.ofSeconds(9));
        assertThat(logs.lines()).anySatisfy(line -> assertThat(line)
                .containsPattern("Cannot connect to the MQTT broker .*Retrying in (9\\d\\d|1000) ms"));
        List<Instant> attempts = mqttBroker.connections();
        assertThat(attempts).hasSizeGreaterThanOrEqualTo(4);
        assertThat(Duration.between(first.closed(), attempts.get(1))).isGreaterThan(Duration.ofMillis(700));
        assertThat(Duration.between(attempts.get(1), attempts.get(2))).isGreaterThan(Duration.ofMillis(1_800));
        assertThat(Duration.between(attempts.get(2), attempts.get(3))).isGreaterThan(Duration.ofMillis(3_600));
        assertThat(context.getRegistry().lookupByNameAndType("mqttClient", MqttClient.class).getTimeToWait())
                .as("mqtt.publish-timeout").isEqualTo(10_000);
    }

    /**
     * The caps only minutes of failures reach, and the TCP connect timeouts, which need an address that never
     * answers: read from the objects that apply them.
     */
    private void theCapsAndConnectTimeoutsAreWhereTheyAreUsed() {
        assertThat(context.getComponent("homeassistant", HomeAssistantComponent.class)
                .getConfiguration().getReconnectMaxDelay()).as("ha.reconnect.max-delay")
                .isEqualTo(Duration.ofMinutes(1));
        assertThat(context.getRegistry().lookupByNameAndType("mqttConnection", MqttConnection.class).reconnect()
                .max()).as("mqtt.reconnect.max-delay").isEqualTo(Duration.ofSeconds(30));
        RedeliveryPolicy webhookRetries = errorHandler("webhook-deliver").getRedeliveryPolicy();
        assertThat(webhookRetries.getMaximumRedeliveryDelay()).as("webhooks.retry.max-delay").isEqualTo(60_000);
        assertThat(webhookRetries.getRedeliveryDelay()).as("webhooks.retry.initial-delay").isEqualTo(1_000);
        for (HttpEndpoint endpoint : context.getEndpoints().stream().filter(HttpEndpoint.class::isInstance)
                .map(HttpEndpoint.class::cast).toList()) {
            long expected = endpoint.getEndpointUri().contains("webhook-target") ? 5_000 : 2_000;
            assertThat(endpoint.getConnectTimeout()).as(endpoint.getEndpointUri()).isEqualTo(expected);
        }
    }

    /**
     * cluster.lease-duration 10s, cluster.renew-deadline 7s, cluster.retry-period 1s. This bridge runs alone
     * (cluster.kind=none, as shipped), so they are read from the Camel cluster services it would elect with, made by
     * its own code from its settings; LockFilePairTest and KubernetesPairTest watch a pair take over with them.
     */
    private void theElectionsTimingIsWhereAPairUsesIt() {
        KubernetesClusterService lease = ConfiguredElection.kubernetes(context);
        assertThat(lease.getLeaseDurationMillis()).as("cluster.lease-duration").isEqualTo(10_000);
        assertThat(lease.getRenewDeadlineMillis()).as("cluster.renew-deadline").isEqualTo(7_000);
        assertThat(lease.getRetryPeriodMillis()).as("cluster.retry-period").isEqualTo(1_000);
        FileLockClusterService lockFile = ConfiguredElection.lockFile(context);
        long retry = lockFile.getAcquireLockIntervalUnit().toMillis(lockFile.getAcquireLockInterval());
        assertThat(retry).as("cluster.retry-period").isEqualTo(1_000);
        assertThat(lockFile.getHeartbeatTimeoutMultiplier() * retry).as("cluster.lease-duration, in retry periods")
                .isEqualTo(10_000);
        assertThat(lockFile.getClusterDataTaskTimeoutUnit().toMillis(lockFile.getClusterDataTaskTimeout()))
                .as("cluster.renew-deadline less a retry period, shared by the leader's three checks")
                .isEqualTo(2_000);
        assertThat(context.getRegistry().lookupByNameAndType("leadership", Leadership.class).resyncWindow())
                .as("webhook resync and repeated MQTT commands: two cluster.lease-duration")
                .isEqualTo(Duration.ofSeconds(20));
    }

    private Instant nextPing() {
        while (true) {
            Inbound next = simulator.recorder().nextInbound(Duration.ofSeconds(40));
            if (next.type().equals("ping")) {
                return Instant.now();
            }
        }
    }

    private RedeliveryErrorHandler errorHandler(String routeId) {
        RedeliveryErrorHandler handler = errorHandler(context.getRoute(routeId).navigate());
        assertThat(handler).as("the error handler of route " + routeId).isNotNull();
        return handler;
    }

    @SuppressWarnings("unchecked")
    private static RedeliveryErrorHandler errorHandler(Navigate<Processor> node) {
        if (node == null || !node.hasNext()) {
            return null;
        }
        for (Processor step : node.next()) {
            if (step instanceof Channel channel && channel.getErrorHandler() instanceof RedeliveryErrorHandler handler) {
                return handler;
            }
            RedeliveryErrorHandler nested = step instanceof Navigate<?> navigate
                    ? errorHandler((Navigate<Processor>) navigate) : null;
            if (nested != null) {
                return nested;
            }
        }
        return null;
    }

    private JsonNode webhookTarget() {
        return api.get("/status").body().path("publishing").path("webhooks").path("targets").get(0);
    }

    private JsonNode breaker() {
        return api.get("/status").body().path("service_calls").path("circuit_breaker");
    }

    private long hubDisconnects(String reason) {
        return api.get("/api/v1/websocket/stats").body().path("data").path("disconnects").path(reason).asLong();
    }

    private static Set<String> shippedDurationKeys() throws IOException {
        Properties shipped = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("application.properties"))) {
            shipped.load(reader);
        }
        Pattern alias = Pattern.compile("\\{\\{(.+)}}");
        return shipped.stringPropertyNames().stream()
                .filter(key -> {
                    Matcher aliasOf = alias.matcher(shipped.getProperty(key));
                    // camel.component.homeassistant.* = {{ha.*}}: one setting, written and exercised under ha.*
                    return !aliasOf.matches() || !shipped.containsKey(aliasOf.group(1));
                })
                .filter(key -> DURATION_KEY.matcher(key).matches()
                        || shipped.getProperty(key).matches("(\\d+(ms|s|m|h))+"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The reconnect delay a state change of the session planned: "…; reconnecting in 947 ms (attempt 1)". */
    private static long plannedMillis(HaEventRecorder.StateChange change) {
        Matcher matcher = Pattern.compile("in (\\d+) ms \\(attempt \\d+\\)").matcher(change.reason());
        assertThat(matcher.find()).as("a planned reconnect in: " + change.reason()).isTrue();
        return Long.parseLong(matcher.group(1));
    }
}
