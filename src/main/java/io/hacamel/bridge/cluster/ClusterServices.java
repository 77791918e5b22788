package io.hacamel.bridge.cluster;

import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.component.kubernetes.cluster.KubernetesClusterService;
import org.apache.camel.component.kubernetes.cluster.LeaseResourceType;

/**
 * The Camel cluster service that runs the election, configured from {@link ClusterSettings}, and the namespace of
 * the view the bridge joins. Camel's own services do the work: the lock file, the Lease; none is home-made.
 */
final class ClusterServices {

    /** The view's namespace on Kubernetes and for a service of the user's own; Camel names the Lease after it. */
    static final String NAMESPACE = "leader";
    /** Each of the leader's checks of the lock file (read, exists, write) gets this share of its deadline. */
    private static final int FILE_CHECKS = 3;

    private ClusterServices() {
    }

    /** The view's namespace: the lock file's name for the file election (Camel keeps it beside it, as name.dat). */
    static String namespace(ClusterSettings settings) {
        return settings.kind() == ClusterSettings.Kind.FILE ? settings.file().getFileName().toString() : NAMESPACE;
    }

    /** A service of the kind asked for, not started; for {@code custom}, the one bean of the configuration. */
    static CamelClusterService create(ClusterSettings settings, CamelContext context) {
        return switch (settings.kind()) {
            case FILE -> file(settings);
            case KUBERNETES -> kubernetes(settings);
            case CUSTOM -> custom(context);
            case NONE -> throw new IllegalArgumentException("cluster.kind=none has no cluster service");
        };
    }

    /**
     * The lock file: the leader locks it and writes a heartbeat beside it every retry period; a standby takes the lock
     * once the heartbeat is older than the lease duration (at once when the leader stopped and emptied it). A leader
     * whose checks of the file fail or hang past the renew deadline gives the lead up.
     */
    private static FileLockClusterService file(ClusterSettings settings) {
        FileLockClusterService service = new FileLockClusterService();
        service.setId(settings.member());
        service.setRoot(settings.file().getParent().toString());
        long retry = settings.retryPeriod().toMillis();
        service.setAcquireLockInterval(retry, TimeUnit.MILLISECONDS);
        service.setAcquireLockDelay(retry, TimeUnit.MILLISECONDS);
        service.setHeartbeatTimeoutMultiplier((int) Math.max(1,
                (settings.leaseDuration().toMillis() + retry - 1) / retry));
        service.setClusterDataTaskMaxAttempts(1);
        service.setClusterDataTaskTimeout(Math.max(1, (settings.renewDeadline().toMillis() - retry) / FILE_CHECKS),
                TimeUnit.MILLISECONDS);
        return service;
    }

    /**
     * The Lease {@code <lease-name>-leader}, among the ready pods with the configured labels (Camel counts only those
     * as members: a pod that is not ready cannot lead). Reached with the pod's service account, or a kubeconfig
     * outside the cluster.
     */
    private static KubernetesClusterService kubernetes(ClusterSettings settings) {
        KubernetesClusterService service = new KubernetesClusterService();
        service.setId(settings.member());
        service.setPodName(settings.member());
        service.setLeaseResourceType(LeaseResourceType.Lease);
        service.setKubernetesResourceName(settings.leaseName());
        if (!settings.namespace().isEmpty()) {
            service.setKubernetesResourcesNamespace(settings.namespace());
        }
        service.setClusterLabels(settings.podLabelMap());
        service.setLeaseDurationMillis(settings.leaseDuration().toMillis());
        service.setRenewDeadlineMillis(settings.renewDeadline().toMillis());
        service.setRetryPeriodMillis(settings.retryPeriod().toMillis());
        service.setJitterFactor(ClusterSettings.KUBERNETES_JITTER);
        return service;
    }

    private static CamelClusterService custom(CamelContext context) {
        Set<CamelClusterService> services = context.getRegistry().findByType(CamelClusterService.class);
        if (services.size() != 1) {
            throw new IllegalArgumentException("cluster.kind=custom needs exactly one Camel cluster service bean, e.g. "
                    + "camel.beans.cluster = "
                    + "#class:org.apache.camel.component.zookeeper.cluster.ZooKeeperClusterService"
                    + " (found " + services.size() + ")");
        }
        return services.iterator().next();
    }
}
