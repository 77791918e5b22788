package io.hacamel.bridge.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import io.hacamel.bridge.testing.BridgeTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * cluster.kind=custom: the election of a Camel cluster service defined in the configuration alone, as a user adds
 * ZooKeeper's or Consul's; here Camel's FileLockClusterService as a bean, the only one on the class path for sure.
 */
class CustomClusterServiceTest extends BridgeTestSupport {

    private Path root;

    @Override
    protected void bridgeProperties(Properties properties) {
        try {
            root = Files.createTempDirectory("custom-cluster");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        properties.put("cluster.kind", "custom");
        properties.put("camel.beans.cluster", "#class:org.apache.camel.component.file.cluster.FileLockClusterService");
        properties.put("camel.beans.cluster.root", root.toString());
        properties.put("camel.beans.cluster.acquireLockInterval", "1");
    }

    @Test
    void theBridgeLeadsThroughTheClusterServiceOfTheConfiguration() {
        await().atMost(Duration.ofSeconds(20)).until(() -> "leader".equals(cluster().path("role").asText()));

        assertThat(cluster().path("kind").asText()).isEqualTo("custom");
        assertThat(Files.exists(root.resolve(ClusterServices.NAMESPACE))).as("the service's lock, for view "
                + ClusterServices.NAMESPACE).isTrue();
    }

    private JsonNode cluster() {
        return api.get("/status").body().path("cluster");
    }
}
