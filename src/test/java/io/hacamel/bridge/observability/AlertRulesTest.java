package io.hacamel.bridge.observability;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * docs/alerts.yml: every rule complete, the design notes' alarms with their thresholds, only documented metrics
 * (MetricsTest checks the bridge serves them); and, where promtool is installed, valid and passing its unit tests.
 */
class AlertRulesTest {

    private static final Path RULES = Path.of("docs", "alerts.yml");

    @Test
    void everyRuleIsCompleteAndUsesDocumentedMetrics() throws Exception {
        List<Map<String, Object>> rules = rules();

        assertThat(rules).hasSizeGreaterThanOrEqualTo(21);
        for (Map<String, Object> rule : rules) {
            String name = String.valueOf(rule.get("alert"));
            assertThat(name).matches("[A-Z][A-Za-z]+");
            assertThat(String.valueOf(rule.get("expr"))).as(name).isNotBlank();
            assertThat(map(rule, "labels").get("severity")).as(name).isIn("warning", "critical");
            assertThat(String.valueOf(map(rule, "annotations").get("summary"))).as(name).contains("{{ $labels.instance }}");
            assertThat(String.valueOf(map(rule, "annotations").get("description"))).as(name).isNotBlank();
        }
        assertThat(expr(rules, "HomeAssistantConnectionFailures")).contains("habridge_ha_connect_failures_total")
                .endsWith("> 0.05");
        assertThat(expr(rules, "HomeAssistantTimeouts")).contains("outcome=\"timeout\"").endsWith("> 0.02");
        assertThat(expr(rules, "HomeAssistantAuthFailures")).contains("habridge_ha_auth_failures_total")
                .endsWith("> 0.01");
        assertThat(rule(rules, "HomeAssistantStale").get("for")).isEqualTo("1m");
        assertThat(rule(rules, "BridgePairWithoutLeader").get("for")).as("no leader for 60 s").isEqualTo("1m");
        assertThat(rules).extracting(rule -> rule.get("alert")).contains("BridgeBreakerOpen", "BridgeWebhookDeadLetters",
                "BridgeWebhookDeadLettersWaiting", "BridgeWebhookDeadLettersLost", "BridgePublishQueueHigh",
                "BridgeMqttDisconnected", "BridgeHubSlowClients", "BridgeHubKeysRefused", "BridgePairWithoutLeader",
                "BridgeLeaderFlapping");

        for (String used : DocumentedMetrics.usedByAlerts()) {
            String family = DocumentedMetrics.family(used);
            assertThat(DocumentedMetrics.listed().contains(family))
                    .as("%s is listed in docs/metrics.md", family).isTrue();
        }
    }

    @Test
    void promtoolAcceptsTheRulesAndTheirUnitTestsPass(@TempDir Path directory) throws Exception {
        Optional<Path> promtool = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(path -> Path.of(path, "promtool")).filter(Files::isExecutable).findFirst();
        assumeTrue(promtool.isPresent(), "no promtool on the PATH: the alert rules are not checked by Prometheus "
                + "(apt-get install prometheus)");
        Files.copy(RULES, directory.resolve("alerts.yml"));
        Files.copy(Path.of("src", "test", "resources", "prometheus", "alerts-test.yml"), directory.resolve("alerts-test.yml"));

        assertThat(run(directory, promtool.get().toString(), "check", "rules", "alerts.yml")).contains("SUCCESS: 21 rules");
        assertThat(run(directory, promtool.get().toString(), "test", "rules", "alerts-test.yml")).contains("SUCCESS");
    }

    private static String run(Path directory, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ":\n" + output).isZero();
        return output;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rules() throws Exception {
        Map<String, Object> file = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(RULES));
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
            rules.addAll((List<Map<String, Object>>) group.get("rules"));
        }
        return rules;
    }

    private static Map<String, Object> rule(List<Map<String, Object>> rules, String alert) {
        return rules.stream().filter(rule -> alert.equals(rule.get("alert"))).findFirst().orElseThrow();
    }

    private static String expr(List<Map<String, Object>> rules, String alert) {
        return String.valueOf(rule(rules, alert).get("expr")).trim();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> rule, String key) {
        return (Map<String, Object>) rule.get(key);
    }
}
