package io.hacamel.bridge.publish;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Properties;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

import io.hacamel.bridge.testing.BridgeTestSupport;
import io.hacamel.bridge.testing.MqttRecorder;
import io.hacamel.bridge.testing.MqttTestBroker;
import io.hacamel.bridge.testing.TestCertificates;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;

/** An ssl:// broker whose certificate a private CA signed: the bridge trusts that CA through mqtt.ca-file. */
class MqttTlsTest extends BridgeTestSupport {

    private static final String BASE = "tls/statestream";

    private MqttTestBroker broker;
    private TestCertificates certificates;

    @Override
    protected void bridgeProperties(Properties properties) {
        try {
            Path directory = Files.createTempDirectory("mqtt-tls");
            certificates = TestCertificates.create(directory);
            broker = MqttTestBroker.withTls(certificates.serverKeyStore(directory.resolve("broker.p12"), "changeit"),
                    "changeit");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        properties.put("mqtt.enabled", "true");
        properties.put("mqtt.url", broker.url());
        properties.put("mqtt.ca-file", certificates.caCertificate().toString());
        properties.put("mqtt.base-topic", BASE);
    }

    @Override
    protected void doPostTearDown() throws Exception {
        super.doPostTearDown();
        broker.close();
    }

    @Test
    void statesArePublishedOverTls() throws Exception {
        SSLSocketFactory trusting = trusting(certificates.caCertificate());

        await().atMost(Duration.ofSeconds(20)).until(() -> "off".equals(MqttRecorder.retained(broker.url(),
                BASE + "/#", null, null, trusting).get(BASE + "/light/camel_lamp/state")));
    }

    private static SSLSocketFactory trusting(Path ca) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(ca)) {
            trusted.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context.getSocketFactory();
    }
}
