package io.hacamel.bridge.faults;

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

    private final Main main;

    private RunningBridge(Main main) {
        this.main = main;
    }

    static RunningBridge start(Properties settings) {
        Main main = new Main();
        main.configure().addConfiguration(BridgeConfiguration.class);
        main.setPropertyPlaceholderLocations(BridgeFiles.propertiesLocations(Path.of(".")));
        BridgeFiles.configure(main.configure(), Path.of("."));
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
