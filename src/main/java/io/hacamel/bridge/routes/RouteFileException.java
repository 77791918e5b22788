package io.hacamel.bridge.routes;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.FailedToStartRouteException;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.util.URISupport;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ScannerException;

/**
 * What is wrong with a route file, for a person: the line (0 when unknown) and one sentence, with the secrets of any
 * endpoint address masked as Camel masks them in its own logs.
 */
final class RouteFileException extends Exception {

    private static final String BECAUSE = " because: ";

    private final int line;

    RouteFileException(int line, String message) {
        super(URISupport.sanitizeUri(message), null, false, false);
        this.line = line;
    }

    int line() {
        return line;
    }

    /** The problem a YAML parser or Camel found, located in the file where they say where. */
    static RouteFileException of(Throwable error, List<RouteDefinition> routes) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYamlEngineException yaml) {
                // a scanner's problem is often found lines later (an unclosed quote: at the end); it began where
                // the token did
                Optional<Mark> where = yaml instanceof ScannerException
                        ? yaml.getContextMark().or(yaml::getProblemMark)
                        : yaml.getProblemMark().or(yaml::getContextMark);
                int line = where.map(mark -> mark.getLine() + 1).orElse(0);
                String what = Stream.of(yaml.getContext(), yaml.getProblem()).filter(Objects::nonNull)
                        .collect(Collectors.joining(": "));
                return new RouteFileException(line, what);
            }
            if (cause instanceof FailedToCreateRouteException failed) {
                RouteDefinition route = route(routes, failed.getRouteId());
                return new RouteFileException(stepLine(route, failed.getMessage()),
                        "route " + failed.getRouteId() + ": " + rootMessage(failed));
            }
            if (cause instanceof FailedToStartRouteException failed) {
                RouteDefinition route = route(routes, failed.getRouteId());
                return new RouteFileException(route == null ? 0 : route.getLineNumber(),
                        "route " + failed.getRouteId() + ": " + rootMessage(failed));
            }
        }
        return new RouteFileException(0, rootMessage(error));
    }

    private static RouteDefinition route(List<RouteDefinition> routes, String id) {
        return routes.stream().filter(route -> Objects.equals(route.getRouteId(), id)).findFirst().orElse(null);
    }

    /** Camel names the step that failed as {@code at: >>> step <<<}: its line, else the route's. */
    private static int stepLine(RouteDefinition route, String message) {
        if (route == null) {
            return 0;
        }
        for (ProcessorDefinition<?> step : route.getOutputs()) {
            if (step.getLineNumber() > 0 && message.contains(">>> " + step + " <<<")) {
                return step.getLineNumber();
            }
        }
        return route.getLineNumber();
    }

    /** The message of the first cause, without Camel's "Failed to start route: x because: " around it. */
    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int because = message.indexOf(BECAUSE);
        return because < 0 ? message : message.substring(because + BECAUSE.length());
    }
}
