package io.hacamel.bridge.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two bridge processes elect their leader on a Lease of a Kubernetes API server (fabric8's mock server, CRUD mode),
 * each reaching it through a relay the test can cut, as pods of the Deployment in docs/kubernetes with the shipped
 * timing. The test plays the kubelet: it makes the two pods and marks a pod not ready, as Kubernetes does when its
 * readiness probe fails or its container died, and ready again when it recovered. Both bridges' /status are sampled
 * throughout: never two leaders. The pods are shared by the tests: before each, a bridge a test stopped is started
 * again in its pod, as Kubernetes restarts a container, and one of the two leads. A test needs nothing of another;
 * their order only spares starts (the graceful stop, last, leaves one bridge).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubernetesPairTest extends PairTestSupport {

    private static final String NAMESPACE = "home";
    private static final String LEASE_NAME = "ha-camel-bridge-leader";
    /** The mock server logs every request at INFO through java.util.logging; held, so the level sticks. */
    private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");
    /** What the bridges asked of the API server. */
    private static final VerbRecordingDispatcher VERBS = new VerbRecordingDispatcher();
    private static KubernetesMockServer apiServer;
    private static KubernetesClient kubernetes;

    @TempDir
    static Path work;
    private static Pair pair;

    private Pod leader;
    private Pod standby;
    private RoleSampler sampler;

    @BeforeAll
    static void apiServer() {
        MOCK_LOG.setLevel(Level.WARNING);
        apiServer = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(),
                new HashMap<>(), VERBS, false);
        apiServer.init();
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(apiServer.url("/")).withNamespace(NAMESPACE)
                .withCustomHeaders(Map.of(VerbRecordingDispatcher.TEST_HEADER, "true")).build();
        kubernetes = new KubernetesClientBuilder().withConfig(config).build();
    }

    @BeforeEach
    void onePodLeads(TestInfo test) throws Exception {
        if (pair == null) {
            pair = new Pair();
        }
        pair.startWhatIsStopped(test.getTestMethod().orElseThrow().getName());
        leader = pair.awaitOneLeader();
        standby = pair.other(leader);
        sampler = new RoleSampler(pair.a.bridge, pair.b.bridge);
    }

    /** Whatever a test did to a pod is undone: the partition heals, the pods are ready, a frozen bridge replaced. */
    @AfterEach
    void healThePods() throws Exception {
        if (sampler != null) {
            sampler.close();
        }
        for (Pod pod : pair == null ? List.<Pod>of() : List.of(pair.a, pair.b)) {
            pod.relay.restore();
            pod.ready(true);
            if (pod.bridge != null && pod.bridge.frozen()) {
                pod.bridge.kill();
            }
        }
    }

    @AfterAll
    static void closeApiServer() throws Exception {
        if (pair != null) {
            pair.close();
            pair = null;
        }
        kubernetes.close();
        apiServer.destroy();
    }

    @Test
    @Order(4)
    void oneLeaderThroughALeaseDeletedAndAGracefulStop() throws Exception {
        kubernetes.leases().withName(LEASE_NAME).delete();
        Instant deleted = Instant.now();
        await().atMost(LEASE).until(() -> {
            Pod now = pair.leaderNow();
            return now != null && now.bridge.since().isAfter(deleted)
                    && kubernetes.leases().withName(LEASE_NAME).get() != null;
        });

        leader = pair.awaitOneLeader();
        standby = pair.other(leader);
        Instant stopped = Instant.now();
        leader.bridge.requestStop();
        standby.bridge.awaitRole("leader", Duration.ofSeconds(10));
        Duration takeover = Duration.between(stopped, standby.bridge.since());
        System.out.printf("TAKEOVER Kubernetes, graceful stop: %d ms%n", takeover.toMillis());
        // the leader's stop and release of the Lease, the standby's next try (within a retry period and Camel's
        // jitter) and its requests to the API server: about a second, up to three on a busy 2-core machine
        assertThat(takeover).as("takeover after a graceful stop, which releases the Lease")
                .isLessThanOrEqualTo(Duration.ofSeconds(3));
        leader.bridge.stop();
        sampler.assertNeverTwoLeaders();
        assertThat(VERBS.used()).as("what the bridges asked of the API server, as the Role grants it")
                .isEqualTo(KubernetesManifestsTest.grantedVerbs());
    }

    /**
     * The leader stops dead (SIGSTOP: to the election the same as kill -9, or a GC pause far longer than the lease),
     * and Kubernetes marks its pod not ready: the standby takes over. When the old leader goes on, it does not act
     * for a moment: it stood still longer than its renew deadline, so it stands by at once.
     */
    @Test
    @Order(1)
    void aLeaderThatStopsDeadIsReplacedAndDoesNotActWhenItGoesOn() throws Exception {
        Instant frozen = Instant.now();
        leader.bridge.freeze();
        leader.ready(false); // the kubelet: the readiness probe got no answer
        standby.bridge.awaitRole("leader", LEASE.plusSeconds(10));
        Duration takeover = Duration.between(frozen, standby.bridge.since());
        System.out.printf("TAKEOVER Kubernetes, leader gone (pod not ready at once): %d ms%n", takeover.toMillis());
        assertThat(takeover).as("Camel waits a lease duration after taking the Lease of a pod not ready")
                .isBetween(LEASE, LEASE.plus(RETRY.multipliedBy(2)).plusSeconds(1));

        leader.bridge.thaw();
        leader.bridge.awaitRole("standby", Duration.ofSeconds(10));
        leader.ready(true); // its probe answers again: a standby
        sampler.awaitMoreRounds(20); // both answer again (a round waited for the frozen one)
        sampler.assertNeverTwoLeaders();
    }

    @Test
    @Order(2)
    void aLeaderCutOffFromTheApiStopsActingBeforeTheStandbyStarts() throws Exception {
        Instant cut = Instant.now();
        leader.relay.cut(); // a partition: the leader's node is cut off, and Kubernetes marks its pod not ready
        leader.ready(false);
        leader.bridge.awaitRole("standby", Duration.ofSeconds(10));
        standby.bridge.awaitRole("leader", LEASE.plusSeconds(10));
        Instant stoppedActing = leader.bridge.since();
        Instant startedActing = standby.bridge.since();
        System.out.printf("FENCING Kubernetes: the leader stopped %d ms after losing the API, the standby led "
                + "%d ms after that%n", Duration.between(cut, stoppedActing).toMillis(),
                Duration.between(stoppedActing, startedActing).toMillis());
        assertThat(Duration.between(cut, stoppedActing)).as("the leader stops within its renew deadline")
                .isLessThanOrEqualTo(Duration.ofSeconds(8));
        assertThat(stoppedActing).as("the old leader stops acting before the standby starts")
                .isBefore(startedActing);

        leader.relay.restore(); // the partition heals: a standby that reaches the API again
        leader.ready(true);
        sampler.assertNeverTwoLeaders();
    }

    /**
     * The API server refuses the leader's renewal of the Lease once (409 Conflict, as when the Lease changed while the
     * leader stood still). Camel's election stops for good on that error: the leader stands down at its renew
     * deadline, and the Lease still names it, so the standby does not take over. The old leader restarts its stalled
     * election once it has shown no leader for two lease durations, and the pair has a leader again.
     */
    @Test
    @Order(3)
    void aLeaderWhoseRenewalIsRefusedStandsDownAndThePairLeadsAgain() throws Exception {
        VERBS.failNextLeaseUpdate();
        leader.bridge.awaitRole("standby", LEASE.plusSeconds(10));
        Instant stoodDown = leader.bridge.since();
        await().atMost(LEASE.multipliedBy(5)).pollInterval(Duration.ofMillis(200)).until(() -> pair.leaderNow() != null);
        Pod next = pair.leaderNow();
        System.out.printf("RENEWAL REFUSED Kubernetes: no leader for %d ms, then %s led%n",
                Duration.between(stoodDown, next.bridge.since()).toMillis(), next.name);
        sampler.assertNeverTwoLeaders();
    }

    /** The two pods of the Deployment. */
    private static final class Pair implements AutoCloseable {

        final Pod a;
        final Pod b;

        Pair() throws Exception {
            a = new Pod("bridge-a");
            b = new Pod("bridge-b");
        }

        /** Starts the bridges that do not run (both at first), side by side. */
        void startWhatIsStopped(String test) throws Exception {
            for (Pod pod : List.of(a, b)) {
                if (pod.bridge == null || !pod.bridge.running()) {
                    pod.start(test);
                }
            }
        }

        /** Waits until both answer and one of them leads, which it returns. */
        Pod awaitOneLeader() {
            a.bridge.awaitReady(Duration.ofSeconds(90));
            b.bridge.awaitReady(Duration.ofSeconds(90));
            await().atMost(Duration.ofSeconds(30)).until(() -> a.bridge.isLeader() ^ b.bridge.isLeader());
            return a.bridge.isLeader() ? a : b;
        }

        /** The one that leads now; null unless exactly one says so. */
        Pod leaderNow() {
            boolean first = a.bridge.isLeader();
            return first == b.bridge.isLeader() ? null : first ? a : b;
        }

        Pod other(Pod pod) {
            return pod == a ? b : a;
        }

        @Override
        public void close() throws Exception {
            b.close();
            a.close();
        }
    }

    /**
     * One pod of the Deployment: its Pod object (running, ready, labelled as docs/kubernetes labels it), its relay to
     * the API server, and its bridge, whose pod name is its HOSTNAME as in a pod.
     */
    private static final class Pod implements AutoCloseable {

        final String name;
        final TcpProxy relay;
        PairMember bridge;

        Pod(String name) throws Exception {
            this.name = name;
            kubernetes.pods().resource(new PodBuilder().withNewMetadata().withName(name).withNamespace(NAMESPACE)
                    .addToLabels("app", "ha-camel-bridge").endMetadata()
                    .withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus("True")
                    .endCondition().endStatus().build()).create();
            relay = new TcpProxy(apiServer.getPort());
        }

        /** Starts the pod's bridge (again, once the old one ended). */
        void start(String test) throws Exception {
            if (bridge != null) {
                bridge.close();
            }
            Map<String, String> election = new HashMap<>();
            election.put("CLUSTER_KIND", "kubernetes");
            election.put("CLUSTER_KUBERNETES_NAMESPACE", NAMESPACE);
            election.put("HOSTNAME", name);
            election.put("KUBERNETES_MASTER", "http://127.0.0.1:" + relay.port());
            election.put("KUBERNETES_NAMESPACE", NAMESPACE);
            election.put("KUBERNETES_AUTH_TRYKUBECONFIG", "false");
            election.put("KUBERNETES_AUTH_TRYSERVICEACCOUNT", "false");
            bridge = startMember(name, work, test, election);
        }

        void ready(boolean ready) {
            kubernetes.pods().withName(name).edit(pod -> new PodBuilder(pod).editStatus().editFirstCondition()
                    .withStatus(ready ? "True" : "False").endCondition().endStatus().build());
        }

        @Override
        public void close() throws Exception {
            if (bridge != null) {
                bridge.close();
            }
            relay.close();
            kubernetes.pods().withName(name).delete();
        }
    }
}
