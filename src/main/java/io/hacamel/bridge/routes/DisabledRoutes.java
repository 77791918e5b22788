package io.hacamel.bridge.routes;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.Resource;

/**
 * Camel's route filter for {@code routes.disabled}: a built-in route whose id is listed never starts. A user's route
 * of the same id does. It remembers which ids it kept out, so that an id that matched nothing can be reported.
 */
final class DisabledRoutes implements Function<RouteDefinition, Boolean> {

    static final String BUILT_IN = "classpath:routes/";

    private final Set<String> routeIds;
    private final Set<String> keptOut = ConcurrentHashMap.newKeySet();

    DisabledRoutes(Set<String> routeIds) {
        this.routeIds = routeIds;
    }

    @Override
    public Boolean apply(RouteDefinition route) {
        Resource source = route.getResource();
        boolean builtIn = source != null && source.getLocation().startsWith(BUILT_IN);
        if (builtIn && route.getRouteId() != null && routeIds.contains(route.getRouteId())) {
            keptOut.add(route.getRouteId());
            return false;
        }
        return true;
    }

    /** The listed ids that no built-in route had. */
    Set<String> unmatched() {
        Set<String> unmatched = new TreeSet<>(routeIds);
        unmatched.removeAll(keptOut);
        return unmatched;
    }
}
