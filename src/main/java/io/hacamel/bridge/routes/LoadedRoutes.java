package io.hacamel.bridge.routes;

import java.util.Arrays;
import java.util.List;

/**
 * What one route file runs: where its text came from ({@code file:…} for a user file, {@code classpath:routes/…}
 * for a built-in), the text itself (kept, to put it back when a newer version fails), and the ids of the routes and
 * route configurations it made.
 */
record LoadedRoutes(String location, byte[] content, List<String> routeIds, List<String> configurationIds) {

    boolean isUserFile() {
        return location.startsWith("file:");
    }

    /** Whether this is what that text would make. */
    boolean isFrom(String otherLocation, byte[] otherContent) {
        return location.equals(otherLocation) && Arrays.equals(content, otherContent);
    }
}
