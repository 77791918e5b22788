package io.hacamel.bridge.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark harness runs (quick mode, latency only, seconds per step): the bridge in a process of its own from
 * the build's classes, since tests run before the jar is packaged. Checks that it measures and reports, not how fast
 * anything is: performance is for {@code bench/run}, never asserted in a test.
 */
class BenchmarkSmokeTest {

    @TempDir
    Path out;

    @Test
    void measuresLatencyEndToEndAndWritesTheReport() throws Exception {
        BenchSettings settings = Benchmark.parse(new String[] {"--quick", "--runs", "1", "--only", "latency",
                "--artemis", "--out", out.toString(), "--classpath", bridgeClasspath()});

        Results results = Benchmark.measure(settings);

        assertThat(Benchmark.required(results)).as("figures without a value").isEmpty();
        assertThat(results.figures).containsKeys("latency.200.p99", "latency.2000.p99", "cpu.2000");
        List<Map<String, Object>> steps = results.steps.stream().filter(step -> "latency".equals(step.get("scenario")))
                .toList();
        assertThat(steps).hasSize(settings.latencyRates().size());
        assertThat(steps).allSatisfy(step -> {
            assertThat(step.get("lost_final_states")).as("final states missing").isEqualTo(0);
            assertThat((Long) step.get("events")).isPositive();
        });
        JsonNode json = new ObjectMapper().readTree(settings.json().toFile());
        assertThat(json.path("figures").path("latency.2000.p50").path("runs")).hasSize(1);
        assertThat(json.path("machine").path("cores").asInt()).isPositive();
        assertThat(Files.readString(settings.markdown())).contains(BenchmarkReport.BEGIN, BenchmarkReport.END,
                "Latency, simulator send → MQTT message received", "Every step of every run", "(benchmarks.json)")
                .as("the steps are in the JSON, the page stays short").doesNotContain("<details>");
    }

    @Test
    void measuresTheMinimalClientAtTheBridgesRates() throws Exception {
        BenchSettings settings = Benchmark.parse(new String[] {"--quick", "--runs", "1", "--only", "minimal",
                "--artemis", "--out", out.toString(), "--classpath", bridgeClasspath()});

        Results results = Benchmark.measure(settings);

        // the second rate (10,000/s) may drop the client on a busy machine: the first must be measured
        assertThat(results.figures).containsKeys("minimal.cpu.1000", "minimal.p99.1000");
        assertThat(results.figures.get("minimal.cpu.1000").median()).isPositive();
        assertThat(results.steps.stream().filter(step -> "minimal client".equals(step.get("scenario")))).isNotEmpty();
        assertThat(Files.readString(settings.markdown())).contains("The minimal client, measured here");
    }

    /** The test run's classpath without test classes: what the packaged jar holds. */
    private static String bridgeClasspath() {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(classpath.split(File.pathSeparator)).filter(entry -> !entry.endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
    }
}
