package io.hacamel.bridge.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This bridge's role in its pair: {@code leader} or {@code standby}. Camel's cluster service runs the election; this
 * class follows its view and hands the lead to the leader-only work of the bridge (the {@link Duty duties}: MQTT,
 * webhooks, the command ledger) and to the routes of group {@code leader} (through {@link FencedClusterService}),
 * one transition at a time on a thread of its own. It gives the lead up as soon as Camel says so, and on its own
 * after the JVM stood still for longer than the renew deadline (a long GC pause): then the lease may be gone, and it
 * acts again only once the election still says so a renew deadline later. Without a cluster it leads from the start.
 * Camel's side of the election is {@link ElectionView}; the look for pauses is {@link ClusterWatchdog}'s.
 */
public final class Leadership extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);

    /** Leader-only work: started when this bridge takes the lead, stopped when it gives it up. */
    public interface Duty {

        /** Starts acting; on the transition thread, in the order the duties were added. */
        void lead() throws Exception;

        /** Stops acting; in the reverse order. */
        void follow() throws Exception;
    }

    /** One change of role, for /status. */
    public record Transition(String role, Instant at, String reason) {
    }

    private final ClusterSettings settings;
    private final CamelContext camelContext;
    private final ElectionView election;
    private final Duties duties = new Duties();
    private final FencedClusterService fenced;
    private final LeadershipMetrics metrics;
    private final ClusterWatchdog watchdog;
    private final CamelClusterEventListener.Leadership listener = this::leadershipChanged;
    private volatile Supplier<String> recordedHolder = () -> null;
    private ScheduledExecutorService transitions;
    private ScheduledExecutorService watchdogThread;
    /** Whether this bridge acts as the leader now. */
    private volatile boolean acting;
    /** Whether Camel's election says this bridge leads. */
    private volatile boolean elected;
    private volatile String electedHolder;
    private volatile Instant since = Instant.now();
    private volatile Transition last;

    Leadership(ClusterSettings settings, CamelContext camelContext, LeadershipMetrics metrics, KubernetesLease lease) {
        this.settings = settings;
        this.camelContext = camelContext;
        this.election = new ElectionView(settings, camelContext, lease);
        this.metrics = metrics;
        this.watchdog = new ClusterWatchdog(settings.renewDeadline(), election, new ClusterWatchdog.Target() {
            @Override
            public boolean stoodStill(String reason) {
                if (!setActing(false, reason)) {
                    return false;
                }
                transitions.execute(() -> standDown(reason));
                return true;
            }

            @Override
            public void reconfirm(String reason) {
                transitions.execute(() -> takeOver(reason));
            }

            @Override
            public void electionStalled() {
                transitions.execute(election::restart);
            }
        });
        this.fenced = new FencedClusterService(settings.member(), this);
        fenced.setCamelContext(camelContext);
        metrics.bind(this);
    }

    /** Adds leader-only work; duties start in this order and stop in the reverse. */
    public void add(Duty duty) {
        duties.add(duty);
    }

    /** Whether the bridge is one of a pair (else it always leads). */
    public boolean clustered() {
        return settings.kind() != ClusterSettings.Kind.NONE;
    }

    /**
     * Whether leader-only work may act at this instant: this bridge leads, and (in a pair) the JVM has not just come
     * back from a pause longer than the renew deadline that the watchdog has not judged yet.
     */
    public boolean mayAct() {
        return acting && (!clustered() || watchdog.ticking());
    }

    /** Whether this bridge leads: it acts as the leader at this instant ({@link #mayAct()}). */
    public boolean isLeader() {
        return mayAct();
    }

    public String member() {
        return settings.member();
    }

    /** How far back a new leader resends changes to webhooks. */
    public Duration resyncWindow() {
        return settings.resyncWindow();
    }

    /** The service the route policies of leader-only routes follow: Camel's election, fenced by this class. */
    CamelClusterService fencedService() {
        return fenced;
    }

    String namespace() {
        return election.namespace();
    }

    /** Where a standby learns the leader's name when Camel's view does not say (the lock file's record). */
    void holderFrom(Supplier<String> holder) {
        this.recordedHolder = holder;
    }

    /** For /status and /health: role, holder, since when, the last transition, and the election's settings. */
    public Map<String, Object> describe() {
        Map<String, Object> description = overview();
        description.putAll(settings.describe());
        return description;
    }

    /** For the status page: role, holder (this bridge's or the leader's name), since when, the last transition. */
    synchronized Map<String, Object> overview() {
        Map<String, Object> overview = new LinkedHashMap<>();
        overview.put("role", role());
        overview.put("holder", holder());
        overview.put("since", since.toString());
        Transition transition = last;
        overview.put("last_transition", transition == null ? null : Map.of("to", transition.role(),
                "at", transition.at().toString(), "reason", transition.reason()));
        overview.put("kind", settings.kind().label());
        return overview;
    }

    String role() {
        return mayAct() ? "leader" : "standby";
    }

    /** Who leads, as far as this bridge knows; null when nobody or unknown. */
    String holder() {
        if (mayAct()) {
            return settings.member();
        }
        String holder = electedHolder;
        return holder != null ? holder : recordedHolder.get();
    }

    /** Camel's view says who leads; on Camel's thread of the election. */
    private void leadershipChanged(CamelClusterView changed, CamelClusterMember leader) {
        boolean local = changed.getLocalMember().isLeader();
        electedHolder = leader == null || leader.isLocal() ? null : leader.getId();
        elected = local;
        String reason = "the election gave the lead to " + (leader == null ? "nobody yet" : leader.getId());
        if (!local && setActing(false, reason)) { // at once: leader-only work stops acting before the duties stop
            transitions.execute(() -> standDown(reason));
        } else if (local && !acting) {
            transitions.execute(this::takeOverWhenHandedOver);
        }
    }

    /** Joins the election once the bridge has fully started; without a cluster, leads at once. */
    void join() throws Exception {
        if (!clustered()) {
            elected = true;
            transitions.execute(() -> takeOver("the only bridge (cluster.kind=none)"));
            return;
        }
        election.join();
        LOG.info("Joined the leader election ({}) as {}; a standby until it leads", election.describe(),
                settings.member());
        watchdog.start(watchdogThread);
        election.listen(listener);
    }

    /**
     * Leaves the election as the bridge stops: leader-only work stops first, then the lead is released at once
     * (the lock file emptied and unlocked, the Lease's holder cleared), so that the standby takes over within its
     * next retry period instead of waiting for the lease to expire.
     */
    void leave() {
        election.stopListening(listener);
        elected = false;
        boolean wasLeader = setActing(false, "the bridge is stopping");
        try {
            // behind any transition still queued
            transitions.submit(() -> {
                if (wasLeader) {
                    standDown("the bridge is stopping");
                }
            }).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Giving up the leader-only work took too long: {}", e.toString());
        }
        election.release(wasLeader);
    }

    @Override
    protected void doStart() throws Exception {
        transitions = camelContext.getExecutorServiceManager().newSingleThreadScheduledExecutor(this,
                "ClusterLeadership");
        watchdogThread = camelContext.getExecutorServiceManager().newSingleThreadScheduledExecutor(this,
                "ClusterWatchdog");
        ServiceHelper.startService(fenced);
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(fenced);
        election.close();
        camelContext.getExecutorServiceManager().shutdownNow(watchdogThread);
        camelContext.getExecutorServiceManager().shutdownNow(transitions);
    }

    private void takeOverWhenHandedOver() {
        long delay = election.handoverDelayMillis();
        if (delay > 0) {
            LOG.info("Elected on a Lease this bridge just made: acting in {} ms, once a leader that lost the old one "
                    + "has noticed", delay);
            transitions.schedule(() -> takeOver("elected (" + election.describe() + ")"), delay,
                    TimeUnit.MILLISECONDS);
        } else {
            takeOver("elected (" + election.describe() + ")");
        }
    }

    /** On the transition thread. */
    private void takeOver(String reason) {
        if (!elected || !isRunAllowed() || !setActing(true, reason)) {
            return;
        }
        if (!elected) { // the lead went away meanwhile, before its event could see this bridge acting
            setActing(false, "the election took the lead back while this bridge took it");
            standDown("the election took the lead back while this bridge took it");
            return;
        }
        duties.lead();
        fenced.changed();
        LOG.info("LEADER now ({}): this bridge takes MQTT commands, publishes to MQTT, delivers webhooks and runs the "
                + "routes of group leader; reason: {}", settings.member(), reason);
    }

    /** On the transition thread, once this bridge stopped acting: the leader-only work stops, in reverse order. */
    private void standDown(String reason) {
        fenced.changed();
        duties.follow();
        LOG.warn("STANDBY now ({}): {}. The leader-only work stopped; sessions, cache and mirror stay warm; leader: {}",
                settings.member(), reason, holder() == null ? "none yet" : holder());
    }

    /**
     * Starts or stops acting, with when and why; false when the bridge was in that role already. The role changes
     * before the duties start or stop: leader-only work asks {@link #mayAct()} before each act.
     */
    private synchronized boolean setActing(boolean leading, String reason) {
        if (acting == leading) {
            return false;
        }
        acting = leading;
        Instant now = Instant.now();
        since = now;
        String role = leading ? "leader" : "standby";
        last = new Transition(role, now, reason);
        metrics.transitioned(role);
        return true;
    }
}
