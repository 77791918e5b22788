package io.hacamel.bridge.cluster;

import java.nio.file.Path;

import io.hacamel.bridge.Settings;
import io.hacamel.bridge.cluster.ClusterSettings.Kind;
import org.apache.camel.CamelContext;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.component.kubernetes.cluster.KubernetesClusterService;

/**
 * The Camel cluster services a running bridge would elect with, had it {@code cluster.kind=file} or
 * {@code kubernetes} and the rest of its settings as they are: made by the bridge's own code, not started. For tests
 * of a bridge that runs alone (cluster.kind=none, as shipped) and must still show where the election's settings go.
 */
public final class ConfiguredElection {

    private ConfiguredElection() {
    }

    public static KubernetesClusterService kubernetes(CamelContext context) {
        return (KubernetesClusterService) ClusterServices.create(settings(context, Kind.KUBERNETES), context);
    }

    public static FileLockClusterService lockFile(CamelContext context) {
        return (FileLockClusterService) ClusterServices.create(settings(context, Kind.FILE), context);
    }

    private static ClusterSettings settings(CamelContext context, Kind kind) {
        ClusterSettings configured = ClusterSettings.from(new Settings(context.getPropertiesComponent()));
        return new ClusterSettings(kind, Path.of("shared", "ha-camel-bridge.lock").toAbsolutePath(),
                configured.namespace(), configured.leaseName(), configured.podLabels(), configured.leaseDuration(),
                configured.renewDeadline(), configured.retryPeriod(), configured.member());
    }
}
