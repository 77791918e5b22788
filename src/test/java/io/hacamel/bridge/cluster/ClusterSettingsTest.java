package io.hacamel.bridge.cluster;

import java.nio.file.Path;
import java.time.Duration;

import io.hacamel.bridge.cluster.ClusterSettings.Kind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/** The timing of an election must let a leader stop before anyone else may start. */
class ClusterSettingsTest {

    @Test
    void theRenewDeadlineIsShorterThanTheLeaseAndLongerThanARetry() {
        assertThatThrownBy(() -> settings(Kind.FILE, 10, 10, 1)).hasMessageContaining("cluster.renew-deadline")
                .hasMessageContaining("must be shorter than cluster.lease-duration");
        assertThatThrownBy(() -> settings(Kind.KUBERNETES, 10, 2, 2)).hasMessageContaining("cluster.retry-period")
                .hasMessageContaining("times 1.2");
        assertThat(settings(Kind.NONE, 1, 5, 5).kind()).as("no election, nothing to check").isEqualTo(Kind.NONE);
        assertThat(settings(Kind.FILE, 10, 7, 1).resyncWindow()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void podLabelsAreKeyValuePairsAndTheLeaseNameAKubernetesName() {
        ClusterSettings settings = new ClusterSettings(Kind.KUBERNETES, null, "", "ha-camel-bridge",
                "app=ha-camel-bridge, tier = home", Duration.ofSeconds(10), Duration.ofSeconds(7),
                Duration.ofSeconds(1), "pod-a");
        assertThat(settings.podLabelMap()).containsExactly(entry("app", "ha-camel-bridge"),
                entry("tier", "home"));
        ClusterSettings wrong = new ClusterSettings(Kind.KUBERNETES, null, "", "ha-camel-bridge", "app",
                Duration.ofSeconds(10), Duration.ofSeconds(7), Duration.ofSeconds(1), "pod-a");
        assertThatThrownBy(wrong::podLabelMap).hasMessageContaining("key=value");
        assertThatThrownBy(() -> new ClusterSettings(Kind.KUBERNETES, null, "", "HA_Bridge", "app=x",
                Duration.ofSeconds(10), Duration.ofSeconds(7), Duration.ofSeconds(1), "pod-a"))
                .hasMessageContaining("cluster.kubernetes.lease-name");
    }

    private static ClusterSettings settings(Kind kind, long lease, long deadline, long retry) {
        return new ClusterSettings(kind, Path.of("/shared/bridge.lock"), "", "ha-camel-bridge", "app=ha-camel-bridge",
                Duration.ofSeconds(lease), Duration.ofSeconds(deadline), Duration.ofSeconds(retry), "host:8080");
    }
}
