package io.hacamel.bridge.mqtt;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.remoting.server.RemotingService;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.spi.core.remoting.Acceptor;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real MQTT 5 broker inside the bridge (Apache ActiveMQ Artemis, in memory, MQTT only), so that without an external
 * broker the states still go somewhere a user can {@code mosquitto_sub} to. Only one user may connect, with the
 * generated {@link BrokerCredentials}; anonymous clients are refused. It listens on loopback by default; retained
 * messages live as long as the bridge runs. Each retained topic costs about 30 KB of heap, so it suits the demo and
 * small homes; a big home belongs on an external broker such as Mosquitto.
 */
public final class EmbeddedMqttBroker extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMqttBroker.class);
    private static final String ACCEPTOR = "mqtt";

    private final String host;
    private final int port;
    private final BrokerCredentials credentials;
    private EmbeddedActiveMQ broker;
    private int actualPort;

    /** @param port 0 for any free port */
    public EmbeddedMqttBroker(String host, int port, BrokerCredentials credentials) {
        this.host = host;
        this.port = port;
        this.credentials = credentials;
    }

    /** Where clients connect, with the port actually bound. */
    public String url() {
        return "tcp://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + actualPort;
    }

    @Override
    protected void doStart() throws Exception {
        // Artemis only logs a failed bind, with a stack trace, and runs on without its acceptor
        requireFreePort();
        ConfigurationImpl configuration = new ConfigurationImpl();
        configuration.setName("ha-camel-bridge");
        configuration.setPersistenceEnabled(false);
        configuration.setSecurityEnabled(true);
        configuration.setJMXManagementEnabled(false);
        // no disk to watch: nothing is written
        configuration.setMaxDiskUsage(-1);
        configuration.setDiskScanPeriod(-1);
        // Artemis keeps every retained topic in a queue of its own: a small initial buffer saves 32 KB per topic
        // (about 30 KB remain), and without the two addresses it warns twice for every new topic
        configuration.addAddressSetting("#", new AddressSettings().setInitialQueueBufferSize(16)
                .setDeadLetterAddress(SimpleString.of("DLQ")).setExpiryAddress(SimpleString.of("ExpiryQueue")));
        configuration.addAcceptorConfiguration(ACCEPTOR, "tcp://" + host + ":" + port + "?protocols=MQTT");
        broker = new EmbeddedActiveMQ().setConfiguration(configuration).setSecurityManager(new OneUser(credentials));
        broker.start();
        RemotingService remoting = broker.getActiveMQServer().getRemotingService();
        Acceptor acceptor = remoting.getAcceptor(ACCEPTOR);
        // a port taken between the check above and Artemis' bind: it reports port 0, or no started acceptor
        if (acceptor == null || !acceptor.isStarted() || acceptor.getActualPort() <= 0) {
            broker.stop();
            broker = null;
            throw portTaken();
        }
        actualPort = acceptor.getActualPort();
        LOG.info("Embedded MQTT broker listening on {} (Apache ActiveMQ Artemis, in memory, for the user in the "
                + "credentials file only)", url());
    }

    @Override
    protected void doStop() throws Exception {
        if (broker != null) {
            broker.stop();
            broker = null;
        }
    }

    private void requireFreePort() {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw portTaken();
        }
    }

    /** The one line a user reads when the start stops: what is wrong and both ways out. */
    private IllegalStateException portTaken() {
        return new IllegalStateException("The embedded MQTT broker cannot listen on " + host + ":" + port
                + ": the port is taken, probably by another MQTT broker. To publish to the broker that runs there, set "
                + "MQTT_URL=tcp://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port
                + " (mqtt.url, with MQTT_USERNAME and MQTT_PASSWORD if it asks for them); to run the embedded broker "
                + "on another port, set mqtt.embedded.port (MQTT_EMBEDDED_PORT)");
    }

    /** The broker's only user; the password is compared in constant time. */
    private static final class OneUser implements ActiveMQSecurityManager {

        private final byte[] username;
        private final byte[] password;

        OneUser(BrokerCredentials credentials) {
            this.username = credentials.username().getBytes(StandardCharsets.UTF_8);
            this.password = credentials.password().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public boolean validateUser(String user, String pass) {
            if (user == null || pass == null) {
                return false; // anonymous
            }
            boolean userMatches = MessageDigest.isEqual(username, user.getBytes(StandardCharsets.UTF_8));
            boolean passwordMatches = MessageDigest.isEqual(password, pass.getBytes(StandardCharsets.UTF_8));
            return userMatches & passwordMatches;
        }

        /** The one user may do anything: publish, subscribe, and the queues Artemis makes for both. */
        @Override
        public boolean validateUserAndRole(String user, String pass, Set<Role> roles, CheckType checkType) {
            return validateUser(user, pass);
        }
    }
}
