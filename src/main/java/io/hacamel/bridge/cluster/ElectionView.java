package io.hacamel.bridge.cluster;

import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.cluster.CamelClusterView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's place in Camel's election: the cluster service of {@code cluster.kind}, its view of the bridge's
 * namespace and the listener on it, the Lease's handover and release, and the restart of an election that has stalled
 * ({@link StalledElection}). Kept apart from {@link Leadership}, which decides what the bridge does with the lead,
 * because this is the election's side.
 */
final class ElectionView {

    /** The role's log lines are one logger's, the one users follow the election by. */
    private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);

    private final ClusterSettings settings;
    private final CamelContext camelContext;
    private final String namespace;
    private final StalledElection stalled;
    private final KubernetesLease lease;
    private CamelClusterService service;
    private volatile CamelClusterView view;
    /** Set as the bridge leaves the election: nothing restarts it after that. */
    private volatile boolean leaving;

    ElectionView(ClusterSettings settings, CamelContext camelContext, KubernetesLease lease) {
        this.settings = settings;
        this.camelContext = camelContext;
        this.lease = lease;
        this.namespace = settings.kind() == ClusterSettings.Kind.NONE ? null : ClusterServices.namespace(settings);
        this.stalled = settings.kind() == ClusterSettings.Kind.KUBERNETES
                ? new StalledElection(settings.leaseDuration()) : null;
    }

    String namespace() {
        return namespace;
    }

    /** Makes the cluster service (once per Camel context) and its view of the namespace, which runs for the lead. */
    void join() throws Exception {
        service = ClusterServices.create(settings, camelContext);
        if (!camelContext.hasService(service)) {
            camelContext.addService(service, true, true);
        }
        view = service.getView(namespace);
    }

    /** From now on the listener hears who leads: the last step of joining, once the bridge is ready to act on it. */
    void listen(CamelClusterEventListener.Leadership listener) {
        view.addEventListener(listener);
    }

    /** First step of leaving: the listener hears nothing more, and a stalled election is not restarted any longer. */
    void stopListening(CamelClusterEventListener.Leadership listener) {
        leaving = true;
        CamelClusterView current = view;
        if (current != null) {
            current.removeEventListener(listener);
        }
    }

    /** How long a bridge elected just now waits before it acts: see {@link KubernetesLease#handoverDelayMillis}. */
    long handoverDelayMillis() {
        return lease == null ? 0 : lease.handoverDelayMillis(settings);
    }

    /**
     * Releases the lead at once when this bridge had it (the lock file emptied and unlocked, the Lease's holder
     * cleared), so that the standby takes over within its next retry period instead of waiting for the lease to expire.
     */
    void release(boolean wasLeader) {
        if (view == null) {
            return;
        }
        try {
            service.releaseView(view);
            view = null;
            if (lease != null && wasLeader) {
                lease.release(settings.member());
            }
            if (wasLeader) {
                LOG.info("Released the lead ({}): the standby takes over within its retry period", describe());
            }
        } catch (Exception e) {
            LOG.warn("Could not release the lead ({}): the standby takes over once the lease expires: {}",
                    describe(), e.toString());
        }
    }

    /** Closes the Lease's client, if this bridge made one. */
    void close() {
        if (lease != null) {
            lease.close();
        }
    }

    /** At every look of the watchdog: whether the election has shown no leader for so long that it has stalled. */
    boolean stalled(long nowNanos) {
        CamelClusterView current = view;
        return stalled != null && current != null && stalled.restartNow(current.getLeader().isPresent(), nowNanos);
    }

    /** A new start of the view, whose controller Camel makes anew ({@link StalledElection}). */
    void restart() {
        if (leaving) {
            return;
        }
        LOG.warn("The leader election ({}) has shown no leader for {} s: restarting it, as Camel's Kubernetes election "
                + "stops after an error such as a refused renewal of the Lease", describe(), stalled.afterSeconds());
        try {
            service.stopView(namespace);
            service.startView(namespace);
        } catch (Exception e) {
            LOG.warn("Could not restart the leader election ({}): {}", describe(), e.toString());
        }
    }

    /** Which election, for log lines: the lock file, the Lease or the custom service. */
    String describe() {
        return switch (settings.kind()) {
            case FILE -> "lock file " + settings.file();
            case KUBERNETES -> "Lease " + KubernetesLease.name(settings.leaseName());
            case CUSTOM -> "cluster service " + service.getClass().getName();
            case NONE -> "none";
        };
    }
}
