package io.hacamel.bridge.publish;

import io.hacamel.bridge.testing.LogCapture;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded broker takes a quarter of the heap, about 30 KB per retained topic: with bin/jvm.options' -Xmx144m
 * the bridge ran out of memory at about 3,300 topics without a limit (bench/run --only embedded, 10,000 entities).
 */
class EmbeddedBrokerBudgetTest {

    private static final long DEFAULT_HEAP = 144L * 1024 * 1024;

    @Test
    void theDefaultHeapHoldsAbout1200Topics() {
        assertThat(EmbeddedBrokerBudget.forHeap(DEFAULT_HEAP).topics()).isEqualTo(1_228);
    }

    @Test
    void itWarnsAtHalfAndOnceFullTakesNoNewEntity() {
        EmbeddedBrokerBudget budget = EmbeddedBrokerBudget.forHeap(DEFAULT_HEAP);
        long full = budget.topics();
        try (LogCapture logs = LogCapture.capture()) {
            budget.held(full / 2 - 1);
            assertThat(logs.lines()).noneMatch(line -> line.contains("EmbeddedBrokerBudget"));
            budget.held(full / 2);
            budget.held(full / 2 + 1);
            assertThat(logs.lines()).filteredOn(line -> line.contains("EmbeddedBrokerBudget")).singleElement()
                    .asString().startsWith("WARN").contains("holds 614 retained topics", "at 1228 it takes no new");

            assertThat(budget.admits("light.kitchen", full - 1)).isTrue();
            assertThat(budget.admits("light.hall", full)).isFalse();
            assertThat(budget.admits("light.porch", full + 3)).isFalse();
            assertThat(budget.admits("light.hall", full + 3)).isFalse();
            assertThat(budget.notPublished()).isEqualTo(2);
            assertThat(logs.lines()).filteredOn(line -> line.startsWith("ERROR")).singleElement().asString()
                    .contains("The embedded MQTT broker is full", "MQTT_URL", "-Xmx");
        }
        budget.removed("light.porch");
        assertThat(budget.admits("light.hall", full - 2)).as("room again").isTrue();
        assertThat(budget.notPublished()).isZero();
    }

    @Test
    void anExternalBrokerHasNoLimit() {
        EmbeddedBrokerBudget budget = EmbeddedBrokerBudget.unlimited();
        assertThat(budget.admits("light.kitchen", 1_000_000_000L)).isTrue();
        assertThat(budget.notPublished()).isZero();
    }
}
