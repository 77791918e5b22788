package io.hacamel.bridge.routes;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.hacamel.bridge.testing.CamelContexts;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** One route file swapped in a running Camel context: its own routes change, or it is refused and nothing does. */
class RouteFileLoaderTest {

    private static final String ERRORS = """
            - routeConfiguration:
                id: shared-errors
                onException:
                  - onException:
                      exception:
                        - java.lang.Exception
                      handled:
                        constant: true
            """;

    // one context for the class: each start of a context risks Camel 4.17's ConcurrentModificationException in
    // DefaultDevConsoleRegistry.doStart (seen in CachedMBeanAssemblerTest too)
    private static CamelContext context;
    private static Model model;
    private final RouteFileLoader loader = new RouteFileLoader(context);

    @BeforeAll
    static void start() {
        context = CamelContexts.withoutCliConnector(new DefaultCamelContext());
        context.start();
        model = context.getCamelContextExtension().getContextPlugin(Model.class);
    }

    @AfterEach
    void removeEverything() throws Exception {
        model.removeRouteDefinitions(List.copyOf(model.getRouteDefinitions()));
        for (RouteConfigurationDefinition configuration : List.copyOf(model.getRouteConfigurationDefinitions())) {
            model.removeRouteConfiguration(configuration);
        }
    }

    @AfterAll
    static void stop() {
        context.stop();
    }

    @Test
    void aNewFileStartsItsRoutesAndUsesAnotherFilesRouteConfiguration() {
        LoadedRoutes errors = load(null, "errors", ERRORS);
        LoadedRoutes greet = load(null, "greet", route("greet", "routeConfigurationId: shared-errors", "log: hi"));

        assertThat(errors.configurationIds()).containsExactly("shared-errors");
        assertThat(greet.routeIds()).containsExactly("greet");
        assertThat(context.getRouteController().getRouteStatus("greet")).isEqualTo(ServiceStatus.Started);
    }

    @Test
    void anEditReplacesOnlyThatFilesRoutes() {
        load(null, "other", route("other", "", "log: other"));
        Route other = context.getRoute("other");
        LoadedRoutes first = load(null, "greet", route("greet", "", "log: hi"));

        LoadedRoutes edited = load(first, "greet", route("greet-again", "", "log: hello"));

        assertThat(edited.routeIds()).containsExactly("greet-again");
        assertThat(context.getRoute("greet")).isNull();
        assertThat(context.getRoute("other")).as("never stopped").isSameAs(other);
        assertThat(context.getRouteController().getRouteStatus("other")).isEqualTo(ServiceStatus.Started);
    }

    @Test
    void deletingAFileRemovesItsRoutesAndRouteConfigurations() {
        LoadedRoutes file = load(null, "both",
                ERRORS + route("greet", "routeConfigurationId: shared-errors", "log: hi"));

        RouteFileLoader.Swap swap = loader.swap(file, null, null);

        assertThat(swap.running()).isNull();
        assertThat(swap.problem()).isNull();
        assertThat(context.getRoutes()).isEmpty();
        assertThat(model.getRouteConfigurationDefinitions()).isEmpty();
    }

    @Test
    void aYamlSyntaxErrorIsRefusedWithItsLine() {
        RouteFileException problem = refused(null, "broken", """
                - route:
                    id: greet
                    from:
                      uri: direct:greet
                     steps: []
                """);

        assertThat(problem.line()).isEqualTo(5);
        assertThat(problem.getMessage()).contains("while parsing a block mapping");
    }

    @Test
    void anUnknownStepIsRefusedWithItsLine() {
        RouteFileException problem = refused(null, "typo", route("greet", "", "lg: hi"));

        assertThat(problem.line()).isEqualTo(7);
        assertThat(problem.getMessage()).isEqualTo("Unknown node id: lg");
    }

    @Test
    void aFileFixedAfterARefusalLoads() {
        refused(null, "greet", route("greet", "", "lg: hi"));

        assertThat(load(null, "greet", route("greet", "", "log: hi")).routeIds()).containsExactly("greet");
    }

    @Test
    void aStepCamelCannotCreateIsRefusedWithItsLineAndTheOldVersionRunsOn() {
        LoadedRoutes working = load(null, "greet", route("greet", "", "log: hi"));

        RouteFileLoader.Swap swap = loader.swap(working, "file:/routes/greet.camel.yaml",
                bytes(route("greet", "", "log: hi\n        - to: nosuch:thing")));

        assertThat(swap.problem().line()).isEqualTo(8);
        assertThat(swap.problem().getMessage())
                .startsWith("route greet: No endpoint could be found for: nosuch://thing");
        assertThat(swap.running().routeIds()).containsExactly("greet");
        assertThat(context.getRouteController().getRouteStatus("greet")).isEqualTo(ServiceStatus.Started);
        assertThat(context.getRoute("greet").getEndpoint().getEndpointUri()).isEqualTo("direct://greet");
        assertThat(context.getRoutes()).hasSize(1);
    }

    @Test
    void aRouteIdOfAnotherFileIsRefusedAndThatRouteRunsOn() {
        load(null, "first", route("greet", "", "log: first"));

        RouteFileException problem = refused(null, "second", "# the same id\n" + route("greet", "", "log: second"));

        assertThat(problem.line()).isEqualTo(2);
        assertThat(problem.getMessage())
                .isEqualTo("route id greet is taken by a route of file:/routes/first.camel.yaml");
        assertThat(context.getRoute("greet").getSourceResource().getLocation()).endsWith("first.camel.yaml");
    }

    @Test
    void anUndefinedRouteConfigurationIsRefused() {
        load(null, "errors", ERRORS);

        RouteFileException problem = refused(null, "greet",
                route("greet", "routeConfigurationId: shared-error", "log: hi"));

        assertThat(problem.line()).isEqualTo(1);
        assertThat(problem.getMessage())
                .isEqualTo("routeConfigurationId shared-error is not defined; the defined ones are shared-errors");
        assertThat(context.getRoutes()).isEmpty();
    }

    @Test
    void aBlankFileRunsNothing() {
        LoadedRoutes greet = load(null, "greet", route("greet", "", "log: hi"));

        LoadedRoutes emptied = load(greet, "greet", "\n");

        assertThat(emptied.routeIds()).isEmpty();
        assertThat(context.getRoutes()).isEmpty();
    }

    /** A route from {@code direct:<id>} with one step; {@code extra} is a line of the route itself, or empty. */
    private static String route(String id, String extra, String step) {
        return """
                - route:
                    id: %s
                    %s
                    from:
                      uri: direct:%s
                      steps:
                        - %s
                """.formatted(id, extra.isEmpty() ? "description: " + id : extra, id, step);
    }

    private LoadedRoutes load(LoadedRoutes current, String name, String yaml) {
        RouteFileLoader.Swap swap = loader.swap(current, "file:/routes/" + name + ".camel.yaml", bytes(yaml));
        assertThat(swap.problem()).as("problem").isNull();
        return swap.running();
    }

    private RouteFileException refused(LoadedRoutes current, String name, String yaml) {
        List<String> before = context.getRoutes().stream().map(route -> route.getRouteId()).toList();
        RouteFileLoader.Swap swap = loader.swap(current, "file:/routes/" + name + ".camel.yaml", bytes(yaml));
        assertThat(swap.problem()).as("problem").isNotNull();
        assertThat(swap.running()).isSameAs(current);
        assertThat(context.getRoutes()).extracting(route -> route.getRouteId()).containsExactlyElementsOf(before);
        return swap.problem();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
