package io.hacamel.bridge.cluster;

import org.apache.camel.CamelContext;
import org.apache.camel.NamedNode;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.impl.cluster.ClusteredRoutePolicy;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;

/**
 * Routes of group {@code leader} (built-in or the user's, {@code group: leader} in YAML) run on the leader only:
 * each gets Camel's {@link ClusteredRoutePolicy}, which starts it when the bridge takes the lead and stops it when
 * the bridge gives the lead up. A route that is not started at all ({@code autoStartup: false}) stays so.
 */
final class LeaderRoutes implements RoutePolicyFactory {

    /** The route group that marks a route as leader-only. */
    static final String GROUP = "leader";

    private final Leadership leadership;

    LeaderRoutes(Leadership leadership) {
        this.leadership = leadership;
    }

    @Override
    public RoutePolicy createRoutePolicy(CamelContext camelContext, String routeId, NamedNode route) {
        if (!(route instanceof RouteDefinition definition) || !GROUP.equals(definition.getGroup())) {
            return null;
        }
        try {
            ClusteredRoutePolicy policy = ClusteredRoutePolicy.forNamespace(leadership.fencedService(),
                    leadership.namespace());
            policy.setCamelContext(camelContext);
            return policy;
        } catch (Exception e) {
            throw new RuntimeCamelException("could not make route " + routeId + " leader-only", e);
        }
    }
}
