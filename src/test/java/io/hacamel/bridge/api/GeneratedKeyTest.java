package io.hacamel.bridge.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Properties;

import io.hacamel.bridge.testing.ApiClient;
import io.hacamel.bridge.testing.BridgeTestSupport;
import io.hacamel.bridge.testing.HubSocket;
import io.hacamel.bridge.testing.LogCapture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Home Assistant configured, no bridge.api-key: the first start generates a key into the data directory, readable by
 * the bridge's user only, and logs where it is, never the key; every request needs it.
 */
class GeneratedKeyTest extends BridgeTestSupport {

    private static LogCapture logs;
    private Path keyFile;

    @BeforeAll
    static void captureLogs() {
        logs = LogCapture.capture();
    }

    @AfterAll
    static void stopCapturing() {
        logs.close();
    }

    @Override
    protected void bridgeProperties(Properties properties) {
        try {
            keyFile = Files.createTempDirectory("bridge-home").resolve("data").resolve("api-key");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        properties.put("bridge.api-key", "");
        properties.put("bridge.api-key-file", keyFile.toString());
    }

    @Test
    void theFirstStartGeneratesAnOwnerOnlyKeyFileAndLogsOnlyWhereItIs() throws IOException {
        assertThat(api.key()).as("the test itself knows no key").isNull();
        assertThat(keyFile).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile.getParent())))
                .isEqualTo("rwx------");
        String key = Files.readString(keyFile).trim();
        assertThat(key).matches("[A-Za-z0-9_-]{43}");

        ApiClient withKey = new ApiClient(httpPort, key);
        awaitReadyWith(withKey);
        assertThat(api.get("/api/v1/states").status()).isEqualTo(401);
        assertThat(withKey.get("/api/v1/states").status()).isEqualTo(200);
        assertThat(withKey.get("/status").text()).doesNotContain(key);
        assertThat(HubSocket.closeCodeAfter(httpPort, "{\"type\":\"subscribe\",\"data\":{\"all\":true}}"))
                .as("the hub, without a key").isEqualTo(4401);

        assertThat(logs.lines()).anyMatch(line -> line.contains("generated an API key and stored it in "
                + keyFile.toAbsolutePath()));
        assertThat(logs.lines()).noneMatch(line -> line.contains(key));
    }

    private static void awaitReadyWith(ApiClient client) {
        await().atMost(Duration.ofSeconds(20)).until(() -> client.get("/health").status() == 200);
    }
}
