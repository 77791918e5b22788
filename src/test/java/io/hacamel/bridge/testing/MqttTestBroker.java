package io.hacamel.bridge.testing;

import java.nio.file.Path;
import java.util.Set;

import org.apache.activemq.artemis.api.core.ActiveMQNotConnectedException;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;

/**
 * A real MQTT 5 broker for tests (Apache ActiveMQ Artemis, in memory) on an ephemeral port that survives restarts,
 * optionally asking for a user name and password, optionally over TLS. Like any in-memory broker it forgets its
 * retained messages when it restarts.
 */
public final class MqttTestBroker implements AutoCloseable {

    private final String username;
    private final String password;
    private final Path keyStore;
    private final String keyStorePassword;
    private EmbeddedActiveMQ broker;
    private int port;

    private MqttTestBroker(String username, String password, Path keyStore, String keyStorePassword) {
        this.username = username;
        this.password = password;
        this.keyStore = keyStore;
        this.keyStorePassword = keyStorePassword;
    }

    /** Anyone may connect. */
    public static MqttTestBroker start() {
        return new MqttTestBroker(null, null, null, null).startOn(0);
    }

    /** Only this user may connect. */
    public static MqttTestBroker withUser(String username, String password) {
        return new MqttTestBroker(username, password, null, null).startOn(0);
    }

    /** TLS only, with the server key and certificate chain of this PKCS12 key store. */
    public static MqttTestBroker withTls(Path keyStore, String keyStorePassword) {
        return new MqttTestBroker(null, null, keyStore, keyStorePassword).startOn(0);
    }

    public int port() {
        return port;
    }

    /** The URL clients use: tcp://127.0.0.1:port, or ssl://localhost:port with TLS (the certificate's name). */
    public String url() {
        return keyStore == null ? "tcp://127.0.0.1:" + port : "ssl://localhost:" + port;
    }

    public boolean isRunning() {
        return broker != null;
    }

    /** Breaks every client's connection, as a network failure would; the broker keeps its retained messages. */
    public void dropConnections() {
        for (RemotingConnection connection : broker.getActiveMQServer().getRemotingService().getConnections()) {
            connection.fail(new ActiveMQNotConnectedException("dropped by the test"));
        }
    }

    /** Stops; its retained messages are gone. */
    public void stop() {
        try {
            if (broker != null) {
                broker.stop();
                broker = null;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts again on the same port, empty. */
    public void restart() {
        stop();
        startOn(port);
    }

    /** Starts a stopped broker again on its port, empty. */
    public void startAgain() {
        startOn(port);
    }

    @Override
    public void close() {
        stop();
    }

    private MqttTestBroker startOn(int requestedPort) {
        ConfigurationImpl configuration = new ConfigurationImpl();
        configuration.setPersistenceEnabled(false);
        configuration.setJMXManagementEnabled(false);
        configuration.setMaxDiskUsage(-1);
        configuration.setDiskScanPeriod(-1);
        configuration.addAddressSetting("#", new AddressSettings().setInitialQueueBufferSize(16)
                .setDeadLetterAddress(SimpleString.of("DLQ")).setExpiryAddress(SimpleString.of("ExpiryQueue")));
        String acceptor = "tcp://127.0.0.1:" + requestedPort + "?protocols=MQTT";
        if (keyStore != null) {
            acceptor += ";sslEnabled=true;keyStorePath=" + keyStore + ";keyStorePassword=" + keyStorePassword
                    + ";keyStoreType=PKCS12";
        }
        try {
            configuration.addAcceptorConfiguration("mqtt", acceptor);
        } catch (Exception e) {
            throw new IllegalArgumentException(acceptor, e);
        }
        EmbeddedActiveMQ embedded = new EmbeddedActiveMQ().setConfiguration(configuration);
        if (username == null) {
            configuration.setSecurityEnabled(false);
        } else {
            SecurityConfiguration users = new SecurityConfiguration();
            users.addUser(username, password);
            users.addRole(username, "bridge");
            embedded.setSecurityManager(new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), users));
            configuration.putSecurityRoles("#", Set.of(new Role("bridge", true, true, true, true, true, true, true,
                    true, true, true, true, true)));
        }
        try {
            embedded.start();
        } catch (Exception e) {
            throw new IllegalStateException("the test broker did not start", e);
        }
        broker = embedded;
        port = embedded.getActiveMQServer().getRemotingService().getAcceptor("mqtt").getActualPort();
        return this;
    }
}
