package io.hacamel.bridge.routes;

import java.util.Set;

import org.apache.camel.model.RouteDefinition;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** routes.disabled by route id: built-in routes of that id never start, a user's route of that id does. */
class DisabledRoutesTest {

    private final DisabledRoutes disabled = new DisabledRoutes(Set.of("hub-state-changed", "no-such-route"));

    @Test
    void aBuiltInRouteOfADisabledIdIsKeptOut() {
        assertThat(disabled.apply(route("hub-state-changed", "classpath:routes/hub-state-changed.camel.yaml")))
                .isFalse();
        assertThat(disabled.apply(route("publish", "classpath:routes/publish.camel.yaml"))).isTrue();
    }

    @Test
    void aUserRouteOfADisabledIdRuns() {
        assertThat(disabled.apply(route("hub-state-changed", "file:/srv/user-routes/hub.camel.yaml"))).isTrue();
    }

    @Test
    void anIdThatKeptNothingOutIsReported() {
        disabled.apply(route("hub-state-changed", "classpath:routes/hub-state-changed.camel.yaml"));

        assertThat(disabled.unmatched()).containsExactly("no-such-route");
    }

    private static RouteDefinition route(String id, String location) {
        RouteDefinition route = new RouteDefinition();
        route.setId(id);
        route.setResource(ResourceHelper.fromString(location, ""));
        return route;
    }
}
