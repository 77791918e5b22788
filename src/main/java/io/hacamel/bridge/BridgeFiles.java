package io.hacamel.bridge;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.main.MainConfigurationProperties;

/**
 * Where the bridge reads its configuration and routes. The jar carries {@code application.properties} and
 * {@code routes/*.camel.yaml} as defaults. In the bridge's home directory ({@code BRIDGE_HOME}, else the working
 * directory), an {@code application.properties} overrides the defaults key by key, and a {@code routes/} directory
 * replaces the built-in routes as a whole, so deleting a route file removes that route. Environment variables
 * override both ({@code ha.url} ← {@code HA_URL}).
 */
public final class BridgeFiles {

    private BridgeFiles() {
    }

    public static Path home() {
        String home = System.getenv("BRIDGE_HOME");
        return Path.of(home == null || home.isBlank() ? "." : home);
    }

    /** The first location that has a key wins: the file on disk, then the jar's defaults. */
    public static String propertiesLocations(Path home) {
        return "file:" + home.resolve("application.properties") + ";optional=true,classpath:application.properties";
    }

    public static String routesPattern(Path home) {
        Path routes = home.resolve("routes");
        return Files.isDirectory(routes) ? "file:" + routes + "/*.camel.yaml" : "classpath:routes/*.camel.yaml";
    }

    static void configure(MainConfigurationProperties configuration, Path home) {
        configuration.withRoutesIncludePattern(routesPattern(home));
    }
}
