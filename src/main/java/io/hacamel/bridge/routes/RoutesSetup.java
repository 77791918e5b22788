package io.hacamel.bridge.routes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import io.hacamel.bridge.BridgeFiles;
import io.hacamel.bridge.Settings;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.model.Model;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which routes run, decided once the settings are readable and before Camel Main loads any route: the built-in files
 * but those in {@code routes.disabled} or replaced by a user file of the same name, Camel's route filter for the
 * disabled route ids, and {@link UserRoutes} for the folder {@code routes.user-dir} (made if missing, so that the
 * log's first lines say where a user's routes go).
 */
public final class RoutesSetup implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(RoutesSetup.class);

    private final MainConfigurationProperties main;
    private final Path home;

    public RoutesSetup(MainConfigurationProperties main, Path home) {
        this.main = main;
        this.home = home;
    }

    /** Runs among the configuration classes, after the settings are read and before Camel Main loads the routes. */
    @Override
    public void configure(CamelContext context) {
        RouteSettings settings = RouteSettings.read(new Settings(context.getPropertiesComponent()), home);
        Set<String> userFiles = userFiles(settings);
        List<String> builtIns = BridgeFiles.builtInRouteNames();
        List<String> atStart = settings.builtInsAtStart(builtIns, userFiles == null ? Set.of() : userFiles);
        // the jar could not be listed: every built-in, by a wildcard
        main.withRoutesIncludePattern(builtIns.isEmpty() ? "classpath:routes/*.camel.yaml"
                : BridgeFiles.builtInRoutes(atStart));
        DisabledRoutes disabled = new DisabledRoutes(settings.disabledRouteIds());
        context.getCamelContextExtension().getContextPlugin(Model.class).setRouteFilter(disabled);
        if (userFiles == null) {
            return;
        }
        UserRoutes userRoutes = new UserRoutes(context, settings, builtIns, atStart, disabled);
        context.getRegistry().bind("userRoutes", userRoutes);
        try {
            context.addStartupListener(userRoutes);
            context.addService(userRoutes, true, false);
        } catch (Exception e) {
            throw new IllegalStateException("could not add the user routes' watcher", e);
        }
    }

    /** The user's files, in a folder made if missing; null when there is no folder to use. */
    private static Set<String> userFiles(RouteSettings settings) {
        if (settings.userFolder() == null) {
            return null;
        }
        try {
            Files.createDirectories(settings.userFolder());
            return settings.userFiles();
        } catch (IOException e) {
            LOG.warn("Cannot use the folder of your own routes {} (routes.user-dir), so none run: {}",
                    settings.userFolder(), e.toString());
            return null;
        }
    }
}
