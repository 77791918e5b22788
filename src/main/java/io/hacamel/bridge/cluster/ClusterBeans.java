package io.hacamel.bridge.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hacamel.bridge.Settings;
import io.hacamel.bridge.api.StatusSection;
import io.hacamel.bridge.commands.CommandAdmission;
import io.hacamel.bridge.observability.OverviewSection;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.LifecycleStrategySupport;

/**
 * The beans of an active/standby pair ({@code cluster.*}): {@code leadership} (the role, which the leader-only beans
 * join as duties), {@code commandAdmission} for MQTT commands, the route policy of the routes of group
 * {@code leader}, the {@code cluster} sections of /status and of the status page. Bound before the publishing and
 * command beans, which need them. The bridge joins the election once it has fully started, and leaves it first
 * when it stops.
 */
public final class ClusterBeans {

    private ClusterBeans() {
    }

    public static Leadership bind(CamelContext context, Settings settings) throws Exception {
        Registry registry = context.getRegistry();
        ClusterSettings cluster = ClusterSettings.from(settings);
        KubernetesLease lease = cluster.kind() == ClusterSettings.Kind.KUBERNETES ? new KubernetesLease(cluster) : null;
        Leadership leadership = new Leadership(cluster, context,
                new LeadershipMetrics(registry.lookupByNameAndType("metricsRegistry", MeterRegistry.class)), lease);
        registry.bind("leadership", leadership);
        context.addService(leadership, true, true);
        registry.bind("commandAdmission", admission(cluster, leadership,
                registry.lookupByNameAndType("bridgeJson", ObjectMapper.class)));
        if (leadership.clustered()) {
            context.addRoutePolicyFactory(new LeaderRoutes(leadership));
        }
        registry.bind("clusterStatus", StatusSection.of("cluster", leadership::describe));
        registry.bind("clusterOverview", OverviewSection.of("cluster", leadership::overview));
        context.addLifecycleStrategy(new LeaveFirst(leadership));
        return leadership;
    }

    /**
     * The bridge joins the election once it has fully started: call after the other beans are bound, so that their
     * own start (e.g. publishing's) comes first.
     */
    public static void joinWhenStarted(CamelContext context, Leadership leadership) throws Exception {
        context.addStartupListener(new JoinWhenStarted(leadership));
    }

    /** Who may run MQTT commands: everyone alone; in a pair the leader, once per correlation id. */
    private static CommandAdmission admission(ClusterSettings cluster, Leadership leadership, ObjectMapper json) {
        if (!leadership.clustered()) {
            return CommandAdmission.ALWAYS;
        }
        if (cluster.kind() == ClusterSettings.Kind.FILE) {
            CommandLedger ledger = new CommandLedger(cluster.file(), cluster.member(), leadership::mayAct,
                    cluster.resyncWindow(), json);
            leadership.add(ledger);
            leadership.holderFrom(ledger::holder);
            return ledger;
        }
        return correlationId -> leadership.mayAct() ? null : CommandLedger.notLeader();
    }

    /** The bridge joins the election once everything, routes too, has started. */
    private record JoinWhenStarted(Leadership leadership) implements StartupListener {

        @Override
        public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        }

        @Override
        public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) throws Exception {
            leadership.join();
        }
    }

    /** Before anything else stops: the leader-only work stops and the lead is released. */
    private static final class LeaveFirst extends LifecycleStrategySupport {

        private final Leadership leadership;

        LeaveFirst(Leadership leadership) {
            this.leadership = leadership;
        }

        @Override
        public void onContextStopping(CamelContext context) {
            leadership.leave();
        }
    }
}
