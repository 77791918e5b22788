package io.hacamel.bridge.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.hacamel.bridge.BridgeFiles;
import io.hacamel.bridge.Settings;

/**
 * How the bridge takes part in an active/standby pair ({@code cluster.*}): which election (none, a lock file,
 * a Kubernetes Lease, or a Camel cluster service of the user's own), and its timing. The lease duration is how long a
 * silent leader keeps the lead; the renew deadline, shorter, is when a leader that could not renew stops acting;
 * the retry period is how often the lead is renewed or tried for.
 *
 * @param file the lock file, for {@link Kind#FILE}
 * @param member this bridge's name in the pair: the pod's name on Kubernetes, else host and API port
 */
public record ClusterSettings(Kind kind, Path file, String namespace, String leaseName, String podLabels,
        Duration leaseDuration, Duration renewDeadline, Duration retryPeriod, String member) {

    /** Camel's Kubernetes election renews at random within this factor of the retry period. */
    static final double KUBERNETES_JITTER = 1.2;

    public enum Kind {
        /** One bridge, always the leader. */
        NONE,
        /** Camel's FileLockClusterService on {@code cluster.file}. */
        FILE,
        /** Camel's KubernetesClusterService on a Lease. */
        KUBERNETES,
        /** The CamelClusterService bean defined in the configuration ({@code camel.beans.*}). */
        CUSTOM;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ClusterSettings {
        if (kind != Kind.NONE) {
            if (renewDeadline.compareTo(leaseDuration) >= 0) {
                throw new IllegalArgumentException("cluster.renew-deadline (" + renewDeadline.toMillis()
                        + " ms) must be shorter than cluster.lease-duration (" + leaseDuration.toMillis() + " ms): a "
                        + "leader that cannot renew must stop acting before another may take over");
            }
            if (retryPeriod.toMillis() * KUBERNETES_JITTER >= renewDeadline.toMillis()) {
                throw new IllegalArgumentException("cluster.retry-period (" + retryPeriod.toMillis() + " ms) times "
                        + KUBERNETES_JITTER + " must be shorter than cluster.renew-deadline ("
                        + renewDeadline.toMillis() + " ms): a leader renews at least once before its deadline");
            }
        }
        if (kind == Kind.KUBERNETES && !leaseName.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")) {
            throw new IllegalArgumentException("cluster.kubernetes.lease-name must be lower-case letters, digits and "
                    + "dashes, e.g. ha-camel-bridge, was '" + leaseName + "'");
        }
        if (kind == Kind.FILE && file.getFileName() == null) {
            throw new IllegalArgumentException("cluster.file must name the lock file, e.g. "
                    + "/shared/ha-camel-bridge.lock");
        }
    }

    public static ClusterSettings from(Settings settings) {
        String kindName = settings.get("cluster.kind");
        Kind kind;
        try {
            kind = Kind.valueOf(kindName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cluster.kind takes none, file, kubernetes or custom, was '" + kindName
                    + "'");
        }
        String file = settings.get("cluster.file");
        if (kind == Kind.FILE && file.isEmpty()) {
            throw new IllegalArgumentException("cluster.kind=file needs cluster.file (CLUSTER_FILE): the lock file "
                    + "both bridges reach, e.g. on a shared volume");
        }
        return new ClusterSettings(kind, file.isEmpty() ? null : BridgeFiles.home().resolve(file).toAbsolutePath(),
                settings.get("cluster.kubernetes.namespace"), settings.get("cluster.kubernetes.lease-name"),
                settings.get("cluster.kubernetes.pod-labels"), duration(settings, "cluster.lease-duration"),
                duration(settings, "cluster.renew-deadline"), duration(settings, "cluster.retry-period"),
                memberName(kind, settings.get("camel.server.port")));
    }

    /**
     * What a new leader resends to webhooks: the changes of the last two lease durations. The old leader renewed at
     * most one lease duration before the takeover, and it may have been up to as much behind with its deliveries.
     */
    public Duration resyncWindow() {
        return leaseDuration.multipliedBy(2);
    }

    /** The pod labels as Camel takes them: {@code app=ha-camel-bridge,tier=home}. */
    Map<String, String> podLabelMap() {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String pair : podLabels.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            String[] keyValue = pair.split("=", 2);
            if (keyValue.length != 2 || keyValue[0].isBlank()) {
                throw new IllegalArgumentException("cluster.kubernetes.pod-labels takes key=value pairs separated by "
                        + "commas, was '" + podLabels + "'");
            }
            labels.put(keyValue[0].trim(), keyValue[1].trim());
        }
        return labels;
    }

    /** For /status. */
    Map<String, Object> describe() {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("kind", kind.label());
        description.put("member", member);
        if (kind == Kind.FILE) {
            description.put("file", file.toString());
        }
        if (kind == Kind.KUBERNETES) {
            description.put("namespace", namespace);
            description.put("lease", KubernetesLease.name(leaseName));
        }
        if (kind != Kind.NONE) {
            description.put("lease_duration_ms", leaseDuration.toMillis());
            description.put("renew_deadline_ms", renewDeadline.toMillis());
            description.put("retry_period_ms", retryPeriod.toMillis());
        }
        return description;
    }

    private static Duration duration(Settings settings, String key) {
        return Duration.ofMillis(settings.millis(key));
    }

    /**
     * On Kubernetes the pod's name, which Camel's election knows the members by (HOSTNAME); elsewhere two bridges may
     * share a host, so the host and the API port tell them apart.
     */
    private static String memberName(Kind kind, String apiPort) {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "localhost";
            }
        }
        return kind == Kind.KUBERNETES ? host : host + ":" + apiPort;
    }
}
