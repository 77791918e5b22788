package io.hacamel.bridge.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * docs/kubernetes, read with the Kubernetes client library: a Deployment of two bridges electing on a Lease with the
 * shipped settings, probes on /health/live and /health/ready, a Service for both whose name they answer to, and a
 * Role, bound to the pods' service account, that grants what the election uses (KubernetesPairTest holds it to what
 * the bridges asked for).
 */
class KubernetesManifestsTest {

    private static final Path MANIFESTS = Path.of("docs", "kubernetes");

    @Test
    void aDeploymentOfTwoBridgesWithProbesAServiceAndItsRole() throws IOException {
        Deployment deployment = only(Deployment.class);
        Properties shipped = new Properties();
        try (InputStream properties = Files.newInputStream(Path.of("application.properties"))) {
            shipped.load(properties);
        }

        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        assertThat(shipped.getProperty("cluster.kubernetes.pod-labels")).as("the pods the election counts")
                .isEqualTo(String.join(",", podLabels.entrySet().stream().map(l -> l.getKey() + "=" + l.getValue())
                        .toList()));
        Container bridge = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(bridge.getEnv()).extracting(EnvVar::getName, EnvVar::getValue)
                .contains(tuple("CLUSTER_KIND", "kubernetes"));
        assertThat(bridge.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health/live");
        assertThat(bridge.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health/ready");

        Service service = only(Service.class);
        assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector());
        String allowedHosts = bridge.getEnv().stream().filter(env -> env.getName().equals("API_ALLOWED_HOSTS"))
                .map(EnvVar::getValue).findFirst().orElse("");
        assertThat(allowedHosts.split(",")).as("the bridges answer to the Service's name, the Host its clients send")
                .contains(service.getMetadata().getName());

        String account = deployment.getSpec().getTemplate().getSpec().getServiceAccountName();
        assertThat(only(ServiceAccount.class).getMetadata().getName()).isEqualTo(account);
        RoleBinding binding = only(RoleBinding.class);
        assertThat(binding.getSubjects()).singleElement()
                .satisfies(subject -> assertThat(subject.getName()).isEqualTo(account));
        Role role = only(Role.class);
        assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
        assertThat(role.getRules()).filteredOn(rule -> rule.getResourceNames() != null
                        && !rule.getResourceNames().isEmpty())
                .flatExtracting(PolicyRule::getResourceNames)
                .containsExactly(KubernetesLease.name(shipped.getProperty("cluster.kubernetes.lease-name")));
        assertThat(grantedVerbs()).containsExactly("leases:create", "leases:get", "leases:update", "pods:list");
    }

    /** What the Role grants, as {@code resource:verb}. */
    static Set<String> grantedVerbs() {
        Set<String> verbs = new TreeSet<>();
        for (PolicyRule rule : only(Role.class).getRules()) {
            for (String resource : rule.getResources()) {
                rule.getVerbs().forEach(verb -> verbs.add(resource + ":" + verb));
            }
        }
        return verbs;
    }

    private static <T extends HasMetadata> T only(Class<T> kind) {
        List<T> found = manifests().stream().filter(kind::isInstance).map(kind::cast).toList();
        assertThat(found).as(kind.getSimpleName() + " in " + MANIFESTS).hasSize(1);
        return found.get(0);
    }

    private static List<HasMetadata> manifests() {
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(Config.empty()).build();
                var files = Files.list(MANIFESTS)) {
            return files.filter(file -> file.toString().endsWith(".yaml")).sorted().flatMap(file -> {
                try (InputStream yaml = Files.newInputStream(file)) {
                    return client.load(yaml).items().stream();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
