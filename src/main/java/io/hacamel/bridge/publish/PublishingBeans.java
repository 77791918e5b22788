package io.hacamel.bridge.publish;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hacamel.bridge.BridgeFiles;
import io.hacamel.bridge.Settings;
import io.hacamel.bridge.api.StateCacheStatus;
import io.hacamel.bridge.api.StatusSection;
import io.hacamel.bridge.cluster.Leadership;
import io.hacamel.bridge.events.EntityFilter;
import io.hacamel.bridge.mqtt.BrokerCredentials;
import io.hacamel.bridge.mqtt.EmbeddedMqttBroker;
import io.hacamel.bridge.mqtt.MqttConnection;
import io.hacamel.bridge.mqtt.MqttSettings;
import io.hacamel.bridge.observability.OverviewSection;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.StartupListener;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.LifecycleStrategySupport;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publishing beans: the MQTT connection (and the embedded broker when no external one is configured), the
 * statestream target, the webhook targets and their dead letters, and their sections of /status and the status page.
 * Publishing starts once Camel has fully started and stops before the routes do, so that whatever is still queued
 * gets its final treatment. The connection and the webhook deliveries are the leader's: they start when the bridge
 * takes the lead (at once, without a pair) and stop when it gives it up.
 */
public final class PublishingBeans {

    private static final Logger LOG = LoggerFactory.getLogger(PublishingBeans.class);

    private PublishingBeans() {
    }

    public static void bind(CamelContext context, Settings settings, Leadership leadership) throws Exception {
        Registry registry = context.getRegistry();
        MeterRegistry metrics = registry.lookupByNameAndType("metricsRegistry", MeterRegistry.class);
        ObjectMapper json = registry.lookupByNameAndType("bridgeJson", ObjectMapper.class);
        StateCacheStatus cache = registry.lookupByNameAndType("stateCacheStatus", StateCacheStatus.class);

        MqttSettings mqtt = MqttSettings.from(settings);
        if (leadership.clustered() && mqtt.usesEmbeddedBroker()) {
            throw new IllegalArgumentException("A pair of bridges (cluster.kind) needs one MQTT broker both publish "
                    + "to: set mqtt.url (MQTT_URL), or mqtt.enabled=false. Each bridge's embedded broker would hold "
                    + "only what that bridge published while it led");
        }
        MqttConnection connection = mqtt.enabled() ? connection(context, mqtt, settings) : null;
        MqttStatestream statestream = new MqttStatestream(context, connection, mqtt.usesEmbeddedBroker(),
                new EntityFilter(true, settings.get("mqtt.statestream.include"), "",
                        settings.get("mqtt.statestream.exclude")),
                new Statestream(mqtt.baseTopic(), Statestream.Attributes.of(settings.get("mqtt.statestream.attributes")),
                        Boolean.parseBoolean(settings.get("mqtt.statestream.timestamps"))),
                Integer.parseInt(settings.get("mqtt.statestream.queue-capacity")), () -> cache.resyncsApplied() > 0,
                leadership::mayAct);
        registry.bind("statestream", statestream);
        registry.bind("mqttRetries", (Processor) statestream::retrying);

        List<WebhookTarget> targets = WebhookTarget.all(settings, json);
        DeadLetters deadLetters = new DeadLetters(new DeadLetterStore(inHome(settings.get("webhooks.dead-letter-dir")),
                json), targets, json, context, metrics, leadership::isLeader);
        Webhooks webhooks = new Webhooks(context, targets, Integer.parseInt(settings.get("webhooks.queue-capacity")),
                json, deadLetters, () -> cache.resyncsApplied() > 0, metrics,
                leadership.clustered() ? leadership.resyncWindow() : null, leadership::mayAct);
        registry.bind("webhooks", webhooks);
        registry.bind("webhookRetries", (Processor) webhooks::retrying);
        registry.bind("webhookDeadLetters", deadLetters);

        if (connection != null) {
            registry.bind("mqttConnection", connection);
            registry.bind("mqttClient", connection.client());
            mqttMetrics(metrics, connection, statestream);
        }
        context.addStartupListener(new StartWhenStarted(statestream, webhooks, deadLetters));
        context.addLifecycleStrategy(new StopBeforeRoutes(connection, statestream, webhooks, deadLetters));
        leadership.add(new Leadership.Duty() {
            @Override
            public void lead() {
                webhooks.lead();
                ServiceHelper.startService(connection);
            }

            @Override
            public void follow() {
                ServiceHelper.stopService(connection);
                webhooks.follow();
            }

            @Override
            public String toString() {
                return "publishing (MQTT, webhooks)";
            }
        });
        registry.bind("publishingStatus", StatusSection.of("publishing", () -> {
            Map<String, Object> publishing = new LinkedHashMap<>();
            Map<String, Object> mqttStatus = mqtt.describe(connection == null ? "" : connection.brokerUrl());
            mqttStatus.putAll(statestream.describe());
            publishing.put("mqtt", mqttStatus);
            publishing.put("webhooks", Map.of("targets", webhooks.describe(), "dead_letters", deadLetters.describe()));
            return publishing;
        }));
        registry.bind("publishOverview", OverviewSection.of("publish", () -> {
            Map<String, Object> publishing = new LinkedHashMap<>();
            Map<String, Object> mqttOverview = null;
            if (connection != null) {
                mqttOverview = new LinkedHashMap<>(statestream.describe());
                mqttOverview.put("embedded_broker", mqtt.usesEmbeddedBroker());
            }
            publishing.put("mqtt", mqttOverview);
            publishing.put("webhooks", webhooks.overview());
            return publishing;
        }));
        registry.bind("deadLetterOverview", OverviewSection.of("dead_letters", deadLetters::overview));
    }

    /**
     * The connection to the configured broker, else to the embedded one (started here, stopped with Camel), which
     * asks for the user in its credentials file. An embedded broker that cannot start stops the bridge's start.
     */
    private static MqttConnection connection(CamelContext context, MqttSettings mqtt, Settings settings)
            throws Exception {
        if (mqtt.usesEmbeddedBroker()) {
            Path credentialsFile = inHome(settings.get("mqtt.embedded.credentials-file"));
            BrokerCredentials credentials = BrokerCredentials.loadOrCreate(credentialsFile);
            EmbeddedMqttBroker broker = new EmbeddedMqttBroker(mqtt.embeddedHost(), mqtt.embeddedPort(), credentials);
            broker.start();
            context.addService(broker, true, true);
            URI address = URI.create(broker.url());
            LOG.info("States are published to the embedded MQTT broker; watch them with: (. {} && mosquitto_sub -h {} "
                    + "-p {} -u \"$username\" -P \"$password\" -t '{}/#' -v)", credentialsFile, address.getHost(),
                    address.getPort(), mqtt.baseTopic());
            return new MqttConnection(mqtt.withCredentials(credentials), broker.url(), context);
        }
        if (mqtt.url().isEmpty()) {
            LOG.warn("MQTT is on but has no broker: mqtt.url is empty and mqtt.embedded.enabled is false. States are "
                    + "not published to MQTT");
            return null;
        }
        return new MqttConnection(mqtt, mqtt.url(), context);
    }

    /** A path setting: relative paths are under the bridge's home. */
    private static Path inHome(String setting) {
        Path path = Path.of(setting);
        return path.isAbsolute() ? path : BridgeFiles.home().resolve(path);
    }


    private static void mqttMetrics(MeterRegistry metrics, MqttConnection connection, MqttStatestream statestream) {
        Gauge.builder("habridge.mqtt.connected", connection, c -> c.isConnected() ? 1 : 0)
                .description("1 while the bridge is connected to the MQTT broker").register(metrics);
        counter(metrics, "habridge.mqtt.connects", "Successful connects to the MQTT broker", connection,
                MqttConnection::connects);
        counter(metrics, "habridge.mqtt.connect.failures", "Connect attempts that failed", connection,
                MqttConnection::connectFailures);
        counter(metrics, "habridge.mqtt.connection.losses", "Connections to the broker that broke", connection,
                MqttConnection::losses);
        Gauge.builder("habridge.mqtt.queue.depth", statestream, MqttStatestream::queueDepth)
                .description("Changes waiting to be published to MQTT").register(metrics);
        Gauge.builder("habridge.mqtt.retained.entities", statestream, MqttStatestream::retainedEntities)
                .description("Entities whose state the broker holds as retained topics").register(metrics);
        Gauge.builder("habridge.mqtt.retained.topics", statestream, MqttStatestream::retainedTopics)
                .description("Topics holding a retained message of the bridge's").register(metrics);
        Gauge.builder("habridge.mqtt.entities.not.published", statestream, MqttStatestream::entitiesNotPublished)
                .description("Entities not published because the embedded broker is full").register(metrics);
        counter(metrics, "habridge.mqtt.coalesced", "Changes merged into a waiting change of the same entity while "
                + "MQTT lagged", statestream, MqttStatestream::coalesced);
        counter(metrics, "habridge.mqtt.states.published", "States published", statestream,
                MqttStatestream::statesPublished);
        counter(metrics, "habridge.mqtt.removals.cleared", "Removed entities whose topics were cleared", statestream,
                MqttStatestream::removalsCleared);
        counter(metrics, "habridge.mqtt.snapshots", "Snapshots of every retained state after a (re)connect",
                statestream, MqttStatestream::snapshots);
        counter(metrics, "habridge.mqtt.publish.retries", "Publishes retried while the broker was away", statestream,
                MqttStatestream::retries);
        counter(metrics, "habridge.mqtt.messages.refused", "Messages the broker refused (skipped, each logged)",
                statestream, MqttStatestream::refused);
        counter(metrics, "habridge.mqtt.stale.topics.cleared", "Retained topics cleared after a connect because no "
                + "published entity owned them (left while the bridge was away)", statestream,
                MqttStatestream::staleTopicsCleared);
        counter(metrics, "habridge.mqtt.attributes.skipped", "Attributes not published because their name is not a "
                + "usable topic level", statestream, MqttStatestream::skippedAttributes);
    }

    private static <T> void counter(MeterRegistry metrics, String name, String description, T source,
            ToDoubleFunction<T> count) {
        FunctionCounter.builder(name, source, count).description(description).register(metrics);
    }

    /** Publishing starts with the routes it sends to; the leader's part of it when the bridge takes the lead. */
    private record StartWhenStarted(MqttStatestream statestream, Webhooks webhooks, DeadLetters deadLetters)
            implements StartupListener {

        @Override
        public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        }

        @Override
        public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) throws Exception {
            deadLetters.start();
            ServiceHelper.startService(statestream, webhooks);
        }
    }

    /**
     * Before the routes stop (the bridge gave the lead up already): what is queued for webhooks becomes dead letters,
     * MQTT says offline, and the connection is closed for good.
     */
    private static final class StopBeforeRoutes extends LifecycleStrategySupport {

        private final MqttConnection connection;
        private final MqttStatestream statestream;
        private final Webhooks webhooks;
        private final DeadLetters deadLetters;

        StopBeforeRoutes(MqttConnection connection, MqttStatestream statestream, Webhooks webhooks,
                DeadLetters deadLetters) {
            this.connection = connection;
            this.statestream = statestream;
            this.webhooks = webhooks;
            this.deadLetters = deadLetters;
        }

        @Override
        public void onContextStopping(CamelContext context) {
            ServiceHelper.stopService(webhooks, statestream);
            ServiceHelper.stopAndShutdownService(connection);
            deadLetters.stop();
        }
    }
}
