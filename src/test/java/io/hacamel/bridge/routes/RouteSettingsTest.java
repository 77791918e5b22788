package io.hacamel.bridge.routes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import io.hacamel.bridge.Settings;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** routes.user-dir and routes.disabled: where a user's files are, and which built-ins run from the start. */
class RouteSettingsTest {

    @TempDir
    Path home;

    @Test
    void theUserFolderIsInTheHomeUnlessAbsoluteAndNoneWhenEmpty() {
        assertThat(settings("user-routes", "").userFolder()).isEqualTo(home.resolve("user-routes").toAbsolutePath());
        assertThat(settings("/srv/routes", "").userFolder()).isEqualTo(Path.of("/srv/routes"));
        assertThat(settings("", "").userFolder()).isNull();
    }

    @Test
    void aDisabledEntryIsAFileNameOrARouteId() {
        RouteSettings settings = settings("user-routes", " metrics.camel.yaml, hub-state-changed ,,status");

        assertThat(settings.disabledFiles()).containsExactly("metrics.camel.yaml");
        assertThat(settings.disabledRouteIds()).containsExactlyInAnyOrder("hub-state-changed", "status");
        assertThat(settings.disabled()).containsExactly("metrics.camel.yaml", "hub-state-changed", "status");
    }

    @Test
    void aBuiltInRunsFromTheStartUnlessDisabledOrReplacedByAUserFile() {
        RouteSettings settings = settings("user-routes", "metrics.camel.yaml");

        assertThat(settings.builtInsAtStart(List.of("metrics.camel.yaml", "status.camel.yaml", "health.camel.yaml"),
                Set.of("status.camel.yaml", "mine.camel.yaml"))).containsExactly("health.camel.yaml");
    }

    @Test
    void onlyVisibleCamelYamlFilesAreRouteFiles() throws IOException {
        RouteSettings settings = settings("user-routes", "");
        Path folder = Files.createDirectories(settings.userFolder());
        for (String name : new String[] {"door.camel.yaml", ".door.camel.yaml", "door.camel.yaml~", "notes.yaml"}) {
            Files.writeString(folder.resolve(name), "");
        }
        Files.createDirectory(folder.resolve("old.camel.yaml"));

        assertThat(settings.userFiles()).containsExactly("door.camel.yaml");
    }

    private RouteSettings settings(String userDir, String disabled) {
        Properties properties = new Properties();
        properties.put("routes.user-dir", userDir);
        properties.put("routes.disabled", disabled);
        PropertiesComponent component = new DefaultCamelContext().getPropertiesComponent();
        component.setInitialProperties(properties);
        return RouteSettings.read(new Settings(component), home);
    }
}
