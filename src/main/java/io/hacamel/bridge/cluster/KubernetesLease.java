package io.hacamel.bridge.cluster;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the bridge itself does with the Lease that Camel's KubernetesClusterService elects on (with a client of its
 * own, which Camel's view does not close under it): release it at a graceful stop, which Camel does not do, and tell
 * a Lease that was just created from one taken over. A Lease is created only when none existed: if it was deleted
 * under a leader, that leader acts until its next retry, so a bridge elected on a new Lease waits that long first.
 */
final class KubernetesLease implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KubernetesLease.class);
    /** Time the old leader's stand-down takes once it noticed the loss. */
    private static final long STAND_DOWN_MARGIN_MILLIS = 500;

    private final KubernetesClient client;
    private final String namespace;
    private final String name;

    KubernetesLease(ClusterSettings settings) {
        this.client = new KubernetesClientBuilder().build();
        this.namespace = settings.namespace().isEmpty() ? client.getNamespace() : settings.namespace();
        this.name = name(settings.leaseName());
    }

    /** The Lease's name: Camel's KubernetesClusterService names it {@code <resource name>-<view namespace>}. */
    static String name(String leaseName) {
        return leaseName + "-" + ClusterServices.NAMESPACE;
    }

    /**
     * How long a bridge elected just now waits before it acts: nothing after a takeover (Camel waited a lease duration
     * for an old holder, or the holder released it), a retry period of the election (with its jitter) and a margin
     * for a Lease created anew. When the Lease cannot be read, the wait too.
     */
    long handoverDelayMillis(ClusterSettings settings) {
        long wait = (long) (settings.retryPeriod().toMillis() * ClusterSettings.KUBERNETES_JITTER)
                + STAND_DOWN_MARGIN_MILLIS;
        try {
            Lease lease = get();
            boolean created = lease == null || lease.getSpec() == null || lease.getSpec().getLeaseTransitions() == null;
            return created ? wait : 0;
        } catch (RuntimeException e) {
            LOG.warn("Could not read the Lease {} in namespace {}: {}", name, namespace, e.toString());
            return wait;
        }
    }

    /** Clears the holder, if this member still holds the Lease, so that the standby acquires it at its next try. */
    void release(String member) {
        Lease lease = get();
        if (lease == null || lease.getSpec() == null || !member.equals(lease.getSpec().getHolderIdentity())) {
            return;
        }
        Lease released = new LeaseBuilder(lease).editSpec().withHolderIdentity(null).withAcquireTime(null)
                .withRenewTime(null).withLeaseDurationSeconds(null).endSpec().build();
        client.leases().inNamespace(namespace).resource(released)
                .lockResourceVersion(lease.getMetadata().getResourceVersion()).update();
    }

    @Override
    public void close() {
        client.close();
    }

    private Lease get() {
        return client.leases().inNamespace(namespace).withName(name).get();
    }
}
