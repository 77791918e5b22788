package io.hacamel.bridge.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How the benchmark runs: how the bridge is launched (normally bin/ha-camel-bridge), how many runs of each figure,
 * how long each step lasts, and the JVM options of the bridge (by default those of bin/jvm.options).
 */
record BenchSettings(List<String> launch, Path workDirectory, Path markdown, Path json, int runs, boolean quick,
        boolean preferMosquitto, List<String> bridgeJvmOptions, List<Double> latencyRates, List<Double> sustainedRates,
        String only, double profileRate, Map<String, String> bridgeEnvironment) {

    Duration warmup() {
        return quick ? Duration.ofSeconds(1) : Duration.ofSeconds(4);
    }

    /** The longest load before anything is measured, while the JIT compiles the hot path (until it goes quiet). */
    Duration jitWarmup() {
        return quick ? Duration.ofSeconds(3) : Duration.ofSeconds(90);
    }

    Duration measure() {
        return quick ? Duration.ofSeconds(2) : Duration.ofSeconds(15);
    }

    /** Steps of the search for the sustained rate: long enough for Home Assistant's 10 s slow-consumer rule. */
    Duration stepMeasure() {
        return quick ? Duration.ofSeconds(2) : Duration.ofSeconds(12);
    }

    /** How long wake-ups are counted with no events. */
    Duration idleWindow() {
        return quick ? Duration.ofSeconds(3) : Duration.ofSeconds(30);
    }

    /** How long CPU is measured at a home's rate: at 1% of a core, 60 s are 60 clock ticks of proc(5). */
    Duration homeMeasure() {
        return quick ? Duration.ofSeconds(3) : Duration.ofSeconds(60);
    }

    int reads() {
        return quick ? 500 : 20_000;
    }

    int commands() {
        return quick ? 100 : 2_000;
    }

    boolean wants(String part) {
        return only == null || only.contains(part);
    }
}
