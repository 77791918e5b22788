package io.hacamel.bridge.routes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.RestConfiguration;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * Swaps what one route file runs and touches no other route: it reads and checks the new text, stops and removes
 * the old file's routes and route configurations, adds the new ones, and puts the old ones back when the new fail
 * to start. Camel's own reload (RouteWatcherReloadStrategy) does not fit: it leaves a deleted file's routes
 * running, silently replaces another file's route of the same id, and a failed reload leaves the old routes removed.
 */
final class RouteFileLoader {

    /** The outcome of a swap: what runs for the file now, and what was wrong with the new text, if anything. */
    record Swap(LoadedRoutes running, RouteFileException problem) {
    }

    /** A file read but not added yet. */
    private record Parsed(RouteBuilder builder, List<RouteConfigurationDefinition> configurations) {

        List<RouteDefinition> routes() {
            return builder == null ? List.of() : builder.getRouteCollection().getRoutes();
        }
    }

    private final CamelContext context;
    private final Model model;

    RouteFileLoader(CamelContext context) {
        this.context = context;
        this.model = context.getCamelContextExtension().getContextPlugin(Model.class);
    }

    /**
     * What a built-in file that Camel Main loaded at the start runs now. Camel inlines a route that a REST operation
     * calls first into the REST route (rest inline-routes): such a file runs inside another, and only a restart can
     * replace it.
     */
    LoadedRoutes running(String location, byte[] content) throws RouteFileException {
        List<String> routeIds = new ArrayList<>();
        for (Route route : context.getRoutes()) {
            String source = route.getSourceResource() == null ? null : route.getSourceResource().getLocation();
            String input = route.getSourceLocation(); // location:line of the route's from, which inlining moves
            boolean fromThisFile = input == null ? location.equals(source)
                    : input.equals(location) || input.startsWith(location + ":");
            if (location.equals(source) != fromThisFile) {
                String inlined = fromThisFile ? location : input.replaceFirst(":\\d+$", "");
                throw new RouteFileException(0, "Camel runs " + inlined + " inside the REST routes of "
                        + (fromThisFile ? source : location) + ", so replacing it takes effect at the next start");
            }
            if (fromThisFile) {
                routeIds.add(route.getRouteId());
            }
        }
        return new LoadedRoutes(location, content, routeIds, ids(parse(location, content).configurations()));
    }

    /** Replaces what {@code current} runs (may be null) by the routes of this text (null: by nothing). */
    Swap swap(LoadedRoutes current, String location, byte[] content) {
        Parsed next;
        try {
            next = content == null ? null : parse(location, content);
            if (next != null) {
                check(next, current);
            }
        } catch (RouteFileException problem) {
            return new Swap(current, problem);
        }
        try {
            remove(current);
        } catch (Exception e) {
            return new Swap(current, RouteFileException.of(e, List.of()));
        }
        if (next == null) {
            return new Swap(null, null);
        }
        Set<String> before = routeIds();
        try {
            return new Swap(add(next, location, content, before), null);
        } catch (Exception e) {
            RouteFileException problem = RouteFileException.of(e, next.routes());
            undo(next, before);
            return new Swap(restore(current), problem);
        }
    }

    private Parsed parse(String location, byte[] content) throws RouteFileException {
        if (new String(content, StandardCharsets.UTF_8).isBlank()) {
            return new Parsed(null, List.of());
        }
        try {
            Collection<RoutesBuilder> builders = PluginHelper.getRoutesLoader(context)
                    .findRoutesBuilders(ResourceHelper.fromBytes(location, content));
            // the YAML DSL makes one builder per file, for its routes and its route configurations
            RouteBuilder builder = (RouteBuilder) builders.iterator().next();
            builder.configureRoutes(context);
            List<RouteConfigurationDefinition> configurations = List.of();
            if (builder instanceof RouteConfigurationBuilder withConfigurations) {
                withConfigurations.configuration();
                configurations = withConfigurations.getRouteConfigurationCollection().getRouteConfigurations();
            }
            return new Parsed(builder, configurations);
        } catch (Exception e) {
            throw RouteFileException.of(e, List.of());
        }
    }

    /**
     * What Camel would not refuse, or not say clearly: an id that another file's route or route configuration has
     * (Camel would silently replace that one), and a routeConfigurationId that nothing defines (Camel ignores it).
     */
    private void check(Parsed next, LoadedRoutes current) throws RouteFileException {
        Set<String> ownRoutes = current == null ? Set.of() : Set.copyOf(current.routeIds());
        Set<String> ownConfigurations = current == null ? Set.of() : Set.copyOf(current.configurationIds());
        Set<String> routeIds = new HashSet<>();
        for (RouteDefinition route : next.routes()) {
            String id = route.getId();
            if (id == null) {
                continue;
            }
            if (!routeIds.add(id)) {
                throw new RouteFileException(route.getLineNumber(), "route id " + id + " is used twice in this file");
            }
            Route other = context.getRoute(id);
            if (other != null && !ownRoutes.contains(id)) {
                throw new RouteFileException(route.getLineNumber(), "route id " + id + " is taken by a route of "
                        + (other.getSourceResource() == null ? "the bridge" : other.getSourceResource().getLocation()));
            }
        }
        Set<String> defined = new TreeSet<>();
        for (RouteConfigurationDefinition configuration : next.configurations()) {
            String id = configuration.getId();
            if (id != null && (!defined.add(id)
                    || model.getRouteConfigurationDefinition(id) != null && !ownConfigurations.contains(id))) {
                throw new RouteFileException(configuration.getLineNumber(),
                        "routeConfiguration id " + id + " is defined twice");
            }
        }
        model.getRouteConfigurationDefinitions().stream().map(RouteConfigurationDefinition::getId)
                .filter(id -> id != null && !ownConfigurations.contains(id)).forEach(defined::add);
        for (RouteDefinition route : next.routes()) {
            String wanted = route.getRouteConfigurationId();
            for (String id : wanted == null ? new String[0] : wanted.split(",")) {
                if (!id.isBlank() && !id.contains("*") && !defined.contains(id.trim())) {
                    throw new RouteFileException(route.getLineNumber(), "routeConfigurationId " + id.trim()
                            + " is not defined; the defined ones are " + String.join(", ", defined));
                }
            }
        }
    }

    private void remove(LoadedRoutes current) throws Exception {
        if (current == null) {
            return;
        }
        for (String id : current.routeIds()) {
            RouteDefinition definition = model.getRouteDefinition(id);
            if (definition != null) {
                model.removeRouteDefinition(definition);
            } else if (context.getRoute(id) != null) {
                context.getRouteController().stopRoute(id);
                context.removeRoute(id);
            }
        }
        for (String id : current.configurationIds()) {
            RouteConfigurationDefinition definition = model.getRouteConfigurationDefinition(id);
            if (definition != null) {
                model.removeRouteConfiguration(definition);
            }
        }
    }

    private LoadedRoutes add(Parsed next, String location, byte[] content, Set<String> before) throws Exception {
        model.addRouteConfigurations(next.configurations());
        if (next.builder() != null) {
            // never inline into a REST route that is running: a file's routes must stay routes of their own
            RestConfiguration rest = context.getRestConfiguration();
            boolean inline = rest.isInlineRoutes();
            rest.setInlineRoutes(false);
            try {
                next.builder().addRoutesToCamelContext(context);
            } finally {
                rest.setInlineRoutes(inline);
            }
        }
        List<String> added = new ArrayList<>(routeIds());
        added.removeAll(before);
        return new LoadedRoutes(location, content, List.copyOf(added), ids(next.configurations()));
    }

    /** Removes whatever of a failed file made it into Camel: definitions, routes, route configurations. */
    private void undo(Parsed failed, Set<String> before) {
        try {
            for (RouteDefinition route : List.copyOf(failed.routes())) {
                if (model.getRouteDefinitions().contains(route)) {
                    model.removeRouteDefinition(route);
                }
            }
            Set<String> left = routeIds();
            left.removeAll(before);
            for (String id : left) {
                context.getRouteController().stopRoute(id);
                context.removeRoute(id);
            }
            for (RouteConfigurationDefinition configuration : failed.configurations()) {
                if (model.getRouteConfigurationDefinitions().contains(configuration)) {
                    model.removeRouteConfiguration(configuration);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not remove the routes of a file that failed to start", e);
        }
    }

    /** Puts back what ran before a failed swap; its text started before, so it starts again. */
    private LoadedRoutes restore(LoadedRoutes previous) {
        if (previous == null) {
            return null;
        }
        try {
            return add(parse(previous.location(), previous.content()), previous.location(), previous.content(),
                    routeIds());
        } catch (Exception e) {
            throw new IllegalStateException("could not start the routes of " + previous.location() + " again", e);
        }
    }

    private Set<String> routeIds() {
        Set<String> ids = new LinkedHashSet<>();
        context.getRoutes().forEach(route -> ids.add(route.getRouteId()));
        return ids;
    }

    private static List<String> ids(List<RouteConfigurationDefinition> configurations) {
        return configurations.stream().map(RouteConfigurationDefinition::getId).filter(Objects::nonNull).toList();
    }
}
