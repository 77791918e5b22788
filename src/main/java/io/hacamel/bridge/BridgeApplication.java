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
            // the line an operator looks for; the stack trace only for whoever asks for it
            LOG.error("The bridge did not start: {}", rootCause(e).getMessage());
            LOG.debug("The bridge did not start", e);
            // a stop Camel's shutdown hook need not announce as a SIGTERM
            main.completed();
            exitCode = 1;
        }
        ClassDataArchive.writtenAtExit().ifPresent(file -> LOG.info(ClassDataArchive.announcement(file)));
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
