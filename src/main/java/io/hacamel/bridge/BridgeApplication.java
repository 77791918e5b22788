package io.hacamel.bridge;

import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the bridge: Camel Main with the routes in routes/ and the beans of {@link BridgeConfiguration}. */
public final class BridgeApplication {

    private static final Logger LOG = LoggerFactory.getLogger(BridgeApplication.class);

    private BridgeApplication() {
    }

    public static void main(String... args) {
        // no classpath scanning: the beans are BridgeConfiguration's, the routes are the YAML files
        Main main = new Main();
        main.configure().addConfiguration(BridgeConfiguration.class);
        main.setPropertyPlaceholderLocations(BridgeFiles.propertiesLocations(BridgeFiles.home()));
        BridgeFiles.configure(main.configure(), BridgeFiles.home());
        BridgeFiles.portsFromEnvironment(main::addOverrideProperty);
        int exitCode;
        try {
            exitCode = main.run(args);
        } catch (Exception e) {
            // Camel logged the stack trace already; this is the line an operator looks for
            LOG.error("The bridge did not start: {}", rootCause(e).getMessage());
            exitCode = 1;
        }
        // the bridge's Vert.x threads would keep the JVM running after Camel stopped or failed to start
        System.exit(exitCode);
    }

    private static Throwable rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
