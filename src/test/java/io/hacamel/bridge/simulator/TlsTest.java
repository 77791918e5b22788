package io.hacamel.bridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** wss and https with a self-signed certificate made by the JDK's keytool and exported as PEM. */
class TlsTest extends SimulatorTestSupport {

    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    Path dir;

    @Test
    void servesWssAndHttps() throws Exception {
        Path keystore = dir.resolve("simulator.p12");
        KeyStore keys = selfSignedKeyStore(keystore);
        Path cert = writePem(dir.resolve("cert.pem"), "CERTIFICATE", keys.getCertificate("simulator").getEncoded());
        Path key = writePem(dir.resolve("key.pem"), "PRIVATE KEY", keys.getKey("simulator", PASSWORD).getEncoded());
        SSLContext trusting = trusting(keys.getCertificate("simulator"));

        HaSimulator simulator = start(new SimulatorOptions().tls(cert.toString(), key.toString()));

        assertThat(simulator.websocketUrl()).startsWith("wss://127.0.0.1:");
        assertThat(simulator.httpUrl()).startsWith("https://127.0.0.1:");
        TestClient client = closing(TestClient.connect(simulator.websocketUrl(), trusting));
        client.authenticate(SimulatorOptions.DEFAULT_TOKEN);
        assertThat(client.result(client.send("get_config")).path("result").path("version").asText())
            .isEqualTo("2023.6.3");
        assertThat(new RestClient(simulator.httpUrl(), trusting).get("/api/").statusCode()).isEqualTo(200);
    }

    private static KeyStore selfSignedKeyStore(Path keystore) throws Exception {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", "simulator", "-keyalg", "RSA",
            "-keysize", "2048", "-validity", "2", "-dname", "CN=127.0.0.1", "-ext", "SAN=IP:127.0.0.1",
            "-storetype", "PKCS12", "-keystore", keystore.toString(),
            "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
            .redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
        assertThat(process.exitValue()).as(new String(process.getInputStream().readAllBytes())).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(keystore.toFile())) {
            keys.load(in, PASSWORD);
        }
        return keys;
    }

    private static Path writePem(Path file, String type, byte[] der) throws Exception {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        return Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
    }

    private static SSLContext trusting(Certificate certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("simulator", certificate);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
