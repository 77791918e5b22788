package io.hacamel.bridge.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import io.hacamel.bridge.client.Backoff;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's one connection to the MQTT broker, shared by the routes ({@code paho-mqtt5:…?client=#mqttClient}).
 * It connects in the background and keeps reconnecting with backoff, so a broker that is down at start or goes away
 * never stops the bridge. On every connect it marks the bridge {@code online} (retained; the last will says
 * {@code offline}) and tells its listeners, e.g. to publish a snapshot to a broker that may have lost everything.
 *
 * <p>Paho is used directly for this because camel-paho-mqtt5 neither retries a failed first connect nor tells when it
 * reconnected. A stopped connection starts again (a bridge that leads its pair again) with the same client, which the
 * routes hold; shutting down closes it for good.
 */
public final class MqttConnection extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(MqttConnection.class);

    private final MqttSettings settings;
    private final String brokerUrl;
    private final CamelContext camelContext;
    private final MqttClient client;
    private final List<Runnable> connectedListeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean connectScheduled = new AtomicBoolean();
    private final AtomicInteger failedAttempts = new AtomicInteger();
    private final LongAdder connects = new LongAdder();
    private final LongAdder connectFailures = new LongAdder();
    private final LongAdder losses = new LongAdder();
    private ScheduledExecutorService scheduler;
    private volatile String lastFailure;

    public MqttConnection(MqttSettings settings, String brokerUrl, CamelContext camelContext) throws MqttException {
        this.settings = settings;
        this.brokerUrl = brokerUrl;
        this.camelContext = camelContext;
        this.client = new AheadClient(brokerUrl, settings.clientId());
        // a publish waits this long for the broker's acknowledgement, so a half-open connection cannot hang a route
        client.setTimeToWait(settings.publishTimeout().toMillis());
        client.setCallback(new LossListener());
    }

    /** The client the routes publish with; connected whenever {@link #isConnected()}. */
    public MqttClient client() {
        return client;
    }

    /**
     * Publishes a retained message at the configured QoS without waiting for the broker's acknowledgement, so that
     * several can be on their way at once; {@link #awaitAcknowledgement} waits for one. Throws what Paho throws when
     * it cannot even send (not connected, more in flight than the broker's Receive Maximum allows).
     */
    public IMqttToken publishAhead(String topic, byte[] payload) throws MqttException {
        return ((AheadClient) client).publishAhead(topic, new MqttMessage(payload, settings.qos(), true, null));
    }

    /**
     * Publishes a message without waiting for the broker: for Paho's callback thread, which must never wait for the
     * broker (while it waits, no other message is delivered). A failure on the way is logged.
     */
    public void publishWithoutWaiting(String topic, MqttMessage message) throws MqttException {
        ((AheadClient) client).publishAhead(topic, message, new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken done) {
            }

            @Override
            public void onFailure(IMqttToken failed, Throwable error) {
                LOG.warn("Could not publish to {}: {}", topic, error.toString());
            }
        });
    }

    /** Waits up to mqtt.publish-timeout for the broker to acknowledge a message published ahead. */
    public void awaitAcknowledgement(IMqttToken token) throws MqttException {
        token.waitForCompletion(settings.publishTimeout().toMillis());
    }

    /** The topics the broker retains under {@code filter}, learned over a connection of its own (up to a minute). */
    public RetainedScan.Result scanRetained(String filter) throws MqttException, InterruptedException {
        return RetainedScan.scan(settings, brokerUrl, filter);
    }

    public String brokerUrl() {
        return brokerUrl;
    }

    /** The reconnect backoff (mqtt.reconnect.*). */
    public Backoff reconnect() {
        return settings.reconnect();
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    /** Told after every successful connect, on the connection's own thread; must not block for long. */
    public void onConnected(Runnable listener) {
        connectedListeners.add(listener);
    }

    public long connects() {
        return connects.sum();
    }

    public long connectFailures() {
        return connectFailures.sum();
    }

    /** Connections that broke without the bridge closing them. */
    public long losses() {
        return losses.sum();
    }

    /**
     * True for failures that mean "the broker is not reachable right now" (not connected, connection lost, no
     * acknowledgement in time): worth waiting for. Anything else (a refused topic, a message too large, not
     * authorised) will fail again and is not.
     */
    public static boolean isOutage(Throwable error) {
        if (!(error instanceof MqttException mqtt)) {
            return false;
        }
        return switch (mqtt.getReasonCode()) {
            case MqttClientException.REASON_CODE_CLIENT_NOT_CONNECTED, MqttClientException.REASON_CODE_CONNECTION_LOST,
                 MqttClientException.REASON_CODE_CLIENT_TIMEOUT, MqttClientException.REASON_CODE_CLIENT_DISCONNECTING,
                 MqttClientException.REASON_CODE_MAX_INFLIGHT, MqttClientException.REASON_CODE_WRITE_TIMEOUT,
                 MqttException.REASON_CODE_CLIENT_EXCEPTION -> true;
            default -> false;
        };
    }

    @Override
    protected void doStart() {
        scheduler = camelContext.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "MqttConnection");
        connectScheduled.set(false);
        if (client.isConnected()) { // a connect that outlived the last stop: connect again, so the listeners hear of it
            disconnectQuietly();
        }
        scheduleConnect(0);
    }

    /** Marks the bridge offline (a clean disconnect sends no last will) and disconnects. */
    @Override
    protected void doStop() throws Exception {
        if (scheduler != null) {
            camelContext.getExecutorServiceManager().shutdownNow(scheduler);
            scheduler = null;
        }
        if (client.isConnected()) {
            try {
                publishAvailability(MqttSettings.OFFLINE);
            } catch (MqttException e) {
                LOG.debug("Could not publish offline: {}", e.toString());
            }
            disconnectQuietly();
        }
    }

    private void disconnectQuietly() {
        try {
            client.disconnect(settings.publishTimeout().toMillis());
        } catch (MqttException e) {
            LOG.debug("Disconnecting from the MQTT broker failed: {}", e.toString());
        }
    }

    @Override
    protected void doShutdown() throws Exception {
        if (client.isConnected()) {
            client.disconnectForcibly(settings.publishTimeout().toMillis());
        }
        client.close(true);
    }

    private void scheduleConnect(long delayMillis) {
        ScheduledExecutorService current = scheduler;
        if (current != null && isRunAllowed() && connectScheduled.compareAndSet(false, true)) {
            current.schedule(this::connect, delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void connect() {
        connectScheduled.set(false);
        if (!isRunAllowed() || client.isConnected()) {
            return;
        }
        try {
            MqttConnectionOptions options = settings.connectionOptions();
            if (brokerUrl.startsWith("tcp://") && options.getSocketFactory() == null) {
                options.setSocketFactory(new NoDelaySockets());
            }
            ((AheadClient) client).connect(options, settings.connectTimeout().toMillis());
        } catch (Exception e) {
            connectFailed(e);
            return;
        }
        if (!isRunAllowed()) { // stopped while connecting (the bridge gave up the lead): it must not act
            disconnectQuietly();
            return;
        }
        int failed = failedAttempts.getAndSet(0);
        lastFailure = null;
        connects.increment();
        LOG.info("Connected to the MQTT broker {} as {}{}", brokerUrl, settings.clientId(),
                failed > 0 ? " after " + failed + " failed attempts" : "");
        try {
            publishAvailability(MqttSettings.ONLINE);
        } catch (MqttException e) {
            LOG.warn("Could not publish online to {}: {}", settings.availabilityTopic(), e.toString());
        }
        try {
            keepOnline();
        } catch (MqttException e) {
            LOG.warn("Could not subscribe to {}: a late last will could leave it offline: {}",
                    settings.availabilityTopic(), e.toString());
        }
        connectedListeners.forEach(Runnable::run);
    }

    /**
     * A last will that arrives after this connection said online (the broker noticed a vanished connection late: a
     * bridge of a pair cut off from the network while the other took over, or this bridge's own connection before a
     * reconnect) would leave {@code offline} retained while the bridge publishes: it is answered with online again.
     */
    private void keepOnline() throws MqttException {
        MqttSubscription availability = new MqttSubscription(settings.availabilityTopic(), settings.qos());
        IMqttMessageListener answer = (topic, message) -> {
            ScheduledExecutorService current = scheduler;
            if (isRunAllowed() && current != null
                    && MqttSettings.OFFLINE.equals(new String(message.getPayload(), StandardCharsets.UTF_8))) {
                current.execute(this::sayOnlineAgain); // not on Paho's thread, which a publish would wait for
            }
        };
        // the array form: Paho 1.2.5's subscribe(String, int, listener) calls itself forever
        client.subscribe(new MqttSubscription[] {availability}, new IMqttMessageListener[] {answer});
    }

    private void sayOnlineAgain() {
        if (!isRunAllowed() || !client.isConnected()) {
            return;
        }
        try {
            publishAvailability(MqttSettings.ONLINE);
            LOG.info("{} said offline while the bridge is connected (a late last will): said online again",
                    settings.availabilityTopic());
        } catch (MqttException e) {
            LOG.warn("Could not publish online to {}: {}", settings.availabilityTopic(), e.toString());
        }
    }

    private void connectFailed(Exception e) {
        connectFailures.increment();
        int attempt = failedAttempts.incrementAndGet();
        long delay = settings.reconnect().delay(attempt).toMillis();
        String reason = describe(e);
        if (!reason.equals(lastFailure)) {
            LOG.warn("Cannot connect to the MQTT broker {}: {}. Retrying in {} ms, and on with backoff", brokerUrl,
                    reason, delay);
            lastFailure = reason;
        } else {
            LOG.debug("MQTT connect attempt {} failed: {}; retrying in {} ms", attempt, reason, delay);
        }
        scheduleConnect(delay);
    }

    private void publishAvailability(String availability) throws MqttException {
        client.publish(settings.availabilityTopic(), availability.getBytes(StandardCharsets.UTF_8), settings.qos(),
                true);
    }

    /** A broker refusing the credentials says so in the reason code; the rest is Paho's message. */
    private static String describe(Exception e) {
        if (e instanceof MqttException mqtt) {
            return switch (mqtt.getReasonCode()) {
                case 0x86 -> "the broker refused the user name or password (mqtt.username, mqtt.password)";
                case 0x87 -> "the broker refused to let this client connect (not authorized)";
                default -> mqtt.getMessage() + (mqtt.getCause() != null ? " (" + causeOf(mqtt) + ")" : "");
            };
        }
        return e.toString();
    }

    /** A broken socket's cause often has no message (an EOFException): then its type says what happened. */
    private static String causeOf(MqttException e) {
        Throwable cause = e.getCause();
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }

    /** Paho calls this when a connection breaks; a clean disconnect by the bridge does not count. */
    private final class LossListener implements MqttCallback {

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            losses.increment();
            String reason = response.getException() != null ? describe(response.getException())
                    : "the broker disconnected the bridge (reason code " + response.getReturnCode() + ")";
            LOG.warn("Lost the connection to the MQTT broker {}: {}. Reconnecting", brokerUrl, reason);
            scheduleConnect(settings.reconnect().delay(1).toMillis());
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.debug("MQTT error: {}", exception.toString());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            // the bridge only publishes on this connection
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }

    /** Paho's blocking client, which the routes use, plus publishing ahead through its asynchronous client. */
    private static final class AheadClient extends MqttClient {

        AheadClient(String brokerUrl, String clientId) throws MqttException {
            super(brokerUrl, clientId, new MemoryPersistence());
        }

        IMqttToken publishAhead(String topic, MqttMessage message) throws MqttException {
            return aClient.publish(topic, message);
        }

        void publishAhead(String topic, MqttMessage message, MqttActionListener listener) throws MqttException {
            aClient.publish(topic, message, null, listener);
        }

        /**
         * Connects within mqtt.connect-timeout, the broker's answer included (the blocking client's own connect waits
         * for it as long as for a publish). A connect that timed out is abandoned, so that the next attempt starts
         * afresh instead of finding this one still in progress.
         */
        void connect(MqttConnectionOptions options, long timeoutMillis) throws MqttException {
            IMqttToken token = aClient.connect(options, null, null);
            try {
                token.waitForCompletion(timeoutMillis);
            } catch (MqttException e) {
                if (!token.isComplete()) {
                    aClient.disconnectForcibly(0, 0, false);
                }
                throw e;
            }
        }
    }
}
