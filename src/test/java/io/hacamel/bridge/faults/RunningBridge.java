package io.hacamel.bridge.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import io.hacamel.bridge.BridgeConfiguration;
import io.hacamel.bridge.BridgeFiles;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/**
 * The whole bridge in this JVM, as {@code BridgeApplication} starts it (application.properties, routes/,
 * {@link BridgeConfiguration}) with test settings on top; unlike a per-test Camel context it can be stopped and
 * started again on the same settings and data directory, as an operator restarts the bridge.
 */
final class RunningBridge implements AutoCloseable {

    /** The bridge's home: empty, so that nothing of the project's (user-routes/, data/) is read or written. */
    private static final Path HOME = emptyHome();

    private final Main main;

    private RunningBridge(Main main) {
        this.main = main;
    }

    static RunningBridge start(Properties settings) {
        Main main = new Main();
        main.configure().addConfiguration(BridgeConfiguration.class);
        main.setPropertyPlaceholderLocations(BridgeFiles.propertiesLocations(HOME));
        BridgeFiles.configure(main.configure(), HOME);
        Properties overrides = new Properties();
        overrides.putAll(settings);
        // a stop under load must not wait Camel's default 45 s for in-flight exchanges
        overrides.putIfAbsent("camel.main.shutdown-timeout", "5");
        main.setOverrideProperties(overrides);
        try {
            main.start();
        } catch (Exception e) {
            throw new IllegalStateException("the bridge did not start", e);
        }
        return new RunningBridge(main);
    }

    private static Path emptyHome() {
        try {
            return Files.createTempDirectory("bridge-home");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    CamelContext context() {
        return main.getCamelContext();
    }

    @Override
    public void close() {
        try {
            main.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the bridge did not stop", e);
        }
    }
}
