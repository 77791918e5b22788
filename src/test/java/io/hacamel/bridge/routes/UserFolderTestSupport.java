package io.hacamel.bridge.routes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import io.hacamel.bridge.simulator.SimulatedHome;
import io.hacamel.bridge.testing.BridgeTestSupport;

/** The whole bridge with a home of its own (BRIDGE_HOME), whose user-routes a test fills, against the demo home. */
abstract class UserFolderTestSupport extends BridgeTestSupport {

    @Override
    protected SimulatedHome home() {
        return SimulatedHome.demo();
    }

    /** The shipped routes.user-dir in the home. */
    static Path userFolder() {
        return bridgeHome.resolve("user-routes").toAbsolutePath();
    }

    static void write(String name, String text) {
        try {
            Files.createDirectories(userFolder());
            Files.writeString(userFolder().resolve(name), text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A change of light.hallway; returns its new state. */
    String toggleTheLight() {
        String next = simulator.home().state("light.hallway").path("state").asText().equals("on") ? "off" : "on";
        simulator.home().setState("light.hallway", next);
        return next;
    }

    /** The status page's user_routes section. */
    JsonNode overview() {
        return api.get("/api/v1/overview").body().path("sections").path("user_routes");
    }
}
