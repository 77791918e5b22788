package io.hacamel.bridge.mqtt;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real MQTT 5 broker inside the bridge (Apache ActiveMQ Artemis, in memory, MQTT only, no authentication), so that
 * without an external broker the states still go somewhere a user can {@code mosquitto_sub} to. It listens on
 * loopback by default; retained messages live as long as the bridge runs. Each retained topic costs about 30 KB of
 * heap, so it suits the demo and small homes; a big home belongs on an external broker such as Mosquitto.
 */
public final class EmbeddedMqttBroker extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMqttBroker.class);
    private static final String ACCEPTOR = "mqtt";

    private final String host;
    private final int port;
    private EmbeddedActiveMQ broker;
    private int actualPort;

    /** @param port 0 for any free port */
    public EmbeddedMqttBroker(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** Where clients connect, with the port actually bound. */
    public String url() {
        return "tcp://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + actualPort;
    }

    @Override
    protected void doStart() throws Exception {
        ConfigurationImpl configuration = new ConfigurationImpl();
        configuration.setName("ha-camel-bridge");
        configuration.setPersistenceEnabled(false);
        configuration.setSecurityEnabled(false);
        configuration.setJMXManagementEnabled(false);
        // no disk to watch: nothing is written
        configuration.setMaxDiskUsage(-1);
        configuration.setDiskScanPeriod(-1);
        // Artemis keeps every retained topic in a queue of its own: a small initial buffer saves 32 KB per topic
        // (about 30 KB remain), and without the two addresses it warns twice for every new topic
        configuration.addAddressSetting("#", new AddressSettings().setInitialQueueBufferSize(16)
                .setDeadLetterAddress(SimpleString.of("DLQ")).setExpiryAddress(SimpleString.of("ExpiryQueue")));
        configuration.addAcceptorConfiguration(ACCEPTOR, "tcp://" + host + ":" + port + "?protocols=MQTT");
        broker = new EmbeddedActiveMQ().setConfiguration(configuration);
        broker.start();
        ActiveMQServer server = broker.getActiveMQServer();
        if (server.getRemotingService().getAcceptor(ACCEPTOR) == null
                || !server.getRemotingService().getAcceptor(ACCEPTOR).isStarted()) {
            broker.stop();
            throw new IllegalStateException("the embedded MQTT broker could not listen on " + host + ":" + port
                    + " (is another broker running there?)");
        }
        actualPort = server.getRemotingService().getAcceptor(ACCEPTOR).getActualPort();
        LOG.info("Embedded MQTT broker listening on {} (Apache ActiveMQ Artemis, in memory)", url());
    }

    @Override
    protected void doStop() throws Exception {
        if (broker != null) {
            broker.stop();
            broker = null;
        }
    }
}
