package io.hacamel.bridge.observability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hacamel.bridge.testing.ApiClient;
import io.hacamel.bridge.testing.BridgeTestSupport;
import io.hacamel.bridge.testing.LogCapture;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The access token and the API key appear nowhere an operator's tools look: the overview, the metrics, the management
 * port (Jolokia, health, info), Camel's properties console, and the status file camel-cli-connector writes to
 * {@code ~/.camel} for {@code camel get} (world-readable) - nor in any log line meanwhile, even at DEBUG.
 */
class ObservabilitySecretsTest extends BridgeTestSupport {

    private static final String API_KEY = "api-key-9c41d7e2";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LogCapture logs;

    @BeforeAll
    static void captureLogs() {
        logs = LogCapture.capture();
    }

    @AfterAll
    static void stopCapturing() {
        logs.close();
    }

    @Override
    protected boolean useJmx() {
        return true;
    }

    @Override
    protected void bridgeProperties(Properties properties) {
        properties.put("bridge.api-key", API_KEY);
        // off by default (it costs CPU every second); when a user turns it on, the file must hold no secret
        properties.put("observability.camel-cli", "true");
    }

    @Test
    void noSecretInTheToolsAnswers() throws Exception {
        awaitReady();
        ApiClient management = new ApiClient(managementPort);
        StringBuilder answers = new StringBuilder();
        answers.append(api.get("/api/v1/overview").text()).append(api.get("/metrics").text())
                .append(api.get("/health/live").text()).append(api.get("/health/ready").text());
        for (String path : new String[] {"/observe/health", "/observe/info", "/observe/metrics"}) {
            answers.append(management.get(path).text());
        }
        String everyCamelMBean = JSON.createObjectNode().put("type", "read").put("mbean", "org.apache.camel:*")
                .toString();
        ApiClient.Answer mbeans = management.post("/observe/jolokia/", everyCamelMBean);
        assertThat(mbeans.body().path("status").asInt()).isEqualTo(200);
        assertThat(mbeans.body().path("value").size()).as("Camel MBeans read").isGreaterThan(20);
        answers.append(mbeans.text());

        DevConsole properties = context.getCamelContextExtension().getContextPlugin(DevConsoleRegistry.class)
                .resolveById("properties");
        String text = (String) properties.call(DevConsole.MediaType.TEXT);
        String json = properties.call(DevConsole.MediaType.JSON).toString();
        assertThat(text).contains("ha.token = xxxxxx", "bridge.api-key = xxxxxx");
        answers.append(text).append(json);

        String everything = answers.toString();
        assertThat(everything).contains("ha-camel-bridge").doesNotContain(TOKEN).doesNotContain(API_KEY);
        assertThat(logs.lines()).isNotEmpty().noneMatch(line -> line.contains(TOKEN) || line.contains(API_KEY));
    }

    @Test
    void theCliStatusFileHasTheMaskedProperties() throws Exception {
        awaitReady();
        Path status = Path.of(System.getProperty("user.home"), ".camel", ProcessHandle.current().pid() + "-status.json");

        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(status) && hasProperties(status));

        String file = Files.readString(status);
        assertThat(file).doesNotContain(TOKEN).doesNotContain(API_KEY);
        JsonNode entries = JSON.readTree(file).path("properties").path("properties");
        assertThat(entries.findParents("key")).anySatisfy(entry -> {
            assertThat(entry.path("key").asText()).isEqualTo("ha.token");
            assertThat(entry.path("value").asText()).isEqualTo(MaskedPropertiesConsole.MASK);
        });
    }

    private static boolean hasProperties(Path status) {
        try {
            return JSON.readTree(Files.readString(status)).path("properties").path("properties").size() > 0;
        } catch (Exception e) {
            return false; // being rewritten
        }
    }
}
