package io.hacamel.bridge;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.hacamel.bridge.routes.RoutesSetup;
import org.apache.camel.main.MainConfigurationProperties;

/**
 * Where the bridge reads its configuration and routes. The jar carries {@code application.properties} and the
 * built-in {@code routes/*.camel.yaml}. In the bridge's home directory ({@code BRIDGE_HOME}, else the working
 * directory), an {@code application.properties} overrides the defaults key by key, and the user's own route files
 * (the folder {@code routes.user-dir}, see {@link RoutesSetup}) run beside the built-ins. Environment variables
 * override both ({@code ha.url} ← {@code HA_URL}).
 */
public final class BridgeFiles {

    private static final List<String> PORT_KEYS = List.of("camel.server.port", "camel.management.port");

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

    /** The include pattern of these built-in route files, each by name. */
    public static String builtInRoutes(Collection<String> names) {
        return names.stream().map(name -> "classpath:routes/" + name).collect(Collectors.joining(","));
    }

    /**
     * The names of the built-in route files. They are loaded by name: for a wildcard in the class path, Camel reads
     * the whole 45 MB jar entry by entry, twice, a second of the start. Empty when the jar cannot be listed.
     */
    public static List<String> builtInRouteNames() {
        try {
            Path source = Path.of(BridgeFiles.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return routeFileNames(source).filter(name -> name.endsWith(".camel.yaml")).sorted().toList();
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return List.of();
        }
    }

    static Stream<String> routeFileNames(Path classes) throws IOException {
        if (Files.isDirectory(classes)) {
            try (Stream<Path> files = Files.list(classes.resolve("routes"))) {
                return files.map(file -> file.getFileName().toString()).toList().stream();
            }
        }
        try (JarFile jar = new JarFile(classes.toFile())) {
            return jar.stream().map(entry -> entry.getName())
                    .filter(name -> name.startsWith("routes/") && name.indexOf('/', "routes/".length()) < 0)
                    .map(name -> name.substring("routes/".length())).toList().stream();
        }
    }

    /** The routes: the built-ins, less those disabled or replaced, and the user's own, as {@link RoutesSetup} says. */
    public static void configure(MainConfigurationProperties configuration, Path home) {
        configuration.addConfiguration(new RoutesSetup(configuration, home));
    }

    /**
     * CAMEL_SERVER_PORT and CAMEL_MANAGEMENT_PORT, which Camel Main skips (it ignores every variable ending in _PORT,
     * as Kubernetes sets those for services); a value that is not a port number is such a variable, and ignored.
     */
    static void portsFromEnvironment(BiConsumer<String, String> override) {
        for (String key : PORT_KEYS) {
            String value = System.getenv(key.toUpperCase(Locale.ROOT).replace('.', '_'));
            if (value != null && value.trim().matches("\\d{1,5}")) {
                override.accept(key, value.trim());
            }
        }
    }
}
