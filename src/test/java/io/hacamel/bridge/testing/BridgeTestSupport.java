package io.hacamel.bridge.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import io.hacamel.bridge.BridgeConfiguration;
import io.hacamel.bridge.BridgeFiles;
import io.hacamel.bridge.simulator.HaSimulator;
import io.hacamel.bridge.simulator.SimulatedHome;
import io.hacamel.bridge.simulator.SimulatorOptions;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;

/**
 * Runs the whole bridge, as {@code java -jar} would (application.properties, the routes, {@link BridgeConfiguration}),
 * against a Home Assistant simulator of its own. Tests talk to it over HTTP like any client.
 */
public abstract class BridgeTestSupport extends CamelMainTestSupport {

    public static final String TOKEN = "test-token-5f1c2a9e";
    /**
     * The API key of every whole-bridge test that sets no {@code bridge.api-key} of its own; {@link #api} presents
     * the test's key. A test that sets {@code bridge.api-key} to empty gets the generated key file (or the open demo).
     */
    public static final String API_KEY = "test-api-key-4c81e7";

    // no initializers: CamelTestSupport's constructor asks for the properties before subclass fields are set
    protected HaSimulator simulator;
    protected int httpPort;
    protected int managementPort;
    protected ApiClient api;

    /** The home the simulator starts with; override for another one (called before the subclass is built). */
    protected SimulatedHome home() {
        return SimulatedHome.transcript();
    }

    /** The simulator's options beyond the token and the home, e.g. TLS (called before the subclass is built). */
    protected SimulatorOptions simulatorOptions(SimulatorOptions options) {
        return options;
    }

    /**
     * The bridge's home (BRIDGE_HOME): a folder of its own for each test class, so that nothing of the project's
     * (user-routes/, data/) is read or written; the shipped application.properties comes from the classpath. A test
     * puts what a user would into it (user routes, an application.properties of their own).
     */
    @TempDir
    protected static Path bridgeHome;

    /** The bridge's home; override for another one (called before the subclass is built). */
    protected Path bridgeHome() {
        return bridgeHome;
    }

    /** Settings for this test class on top of the defaults below (called before the subclass is built). */
    protected void bridgeProperties(Properties properties) {
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        simulator = HaSimulator.start(simulatorOptions(new SimulatorOptions().token(TOKEN).home(home())));
        httpPort = FreePorts.next();
        managementPort = FreePorts.next();
        Properties properties = new Properties();
        properties.put("ha.url", simulator.httpUrl());
        properties.put("ha.token", TOKEN);
        properties.put("camel.server.port", String.valueOf(httpPort));
        properties.put("camel.management.port", String.valueOf(managementPort));
        shortenDurations(properties);
        // no embedded broker on 1883: tests that publish to MQTT turn it on with a broker of their own
        properties.put("mqtt.enabled", "false");
        bridgeProperties(properties);
        properties.putIfAbsent("bridge.api-key", API_KEY);
        api = new ApiClient(httpPort, properties.getProperty("bridge.api-key"));
        return properties;
    }

    /**
     * Durations the whole-bridge tests shorten: a simulator that went away is reconnected to within a second. The
     * test of the shipped settings overrides this to keep every shipped duration.
     */
    protected void shortenDurations(Properties properties) {
        properties.put("ha.reconnect.initial-delay", "100");
        properties.put("ha.reconnect.max-delay", "1s");
    }

    @Override
    protected String getPropertyPlaceholderLocations() {
        return BridgeFiles.propertiesLocations(bridgeHome());
    }

    @Override
    protected void configure(MainConfigurationProperties configuration) {
        BridgeFiles.configure(configuration, bridgeHome());
        configuration.addConfiguration(BridgeConfiguration.class);
    }

    /** Waits until /health says the bridge is ready and the first resync has been through the routes. */
    protected void awaitReady() {
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/health").status() == 200
                && api.get("/status").body().path("cache").path("resyncs_applied").asLong() > 0);
    }

    @Override
    protected void doPostTearDown() throws Exception {
        simulator.close();
        super.doPostTearDown();
    }

}
