package io.hacamel.bridge.cluster;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** {@code habridge_cluster_leader} (1 while this bridge leads) and {@code habridge_cluster_transitions_total{to}}. */
final class LeadershipMetrics {

    private final MeterRegistry registry;
    private final Counter toLeader;
    private final Counter toStandby;

    LeadershipMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.toLeader = transitions(registry, "leader");
        this.toStandby = transitions(registry, "standby");
    }

    void bind(Leadership leadership) {
        Gauge.builder("habridge.cluster.leader", leadership, l -> l.isLeader() ? 1 : 0)
                .description("1 while this bridge leads its pair (always, without a cluster), 0 while it stands by")
                .register(registry);
    }

    void transitioned(String role) {
        ("leader".equals(role) ? toLeader : toStandby).increment();
    }

    private static Counter transitions(MeterRegistry registry, String role) {
        return Counter.builder("habridge.cluster.transitions").tag("to", role)
                .description("Changes of this bridge's role, by the role it took").register(registry);
    }
}
