package io.hacamel.bridge;

import org.apache.camel.main.Main;

/** Starts the bridge: Camel Main with the routes in routes/ and the beans of {@link BridgeConfiguration}. */
public final class BridgeApplication {

    private BridgeApplication() {
    }

    public static void main(String... args) throws Exception {
        Main main = new Main(BridgeApplication.class);
        main.setPropertyPlaceholderLocations(BridgeFiles.propertiesLocations(BridgeFiles.home()));
        BridgeFiles.configure(main.configure(), BridgeFiles.home());
        main.run(args);
    }
}
