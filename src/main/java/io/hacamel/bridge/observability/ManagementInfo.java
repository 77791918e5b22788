package io.hacamel.bridge.observability;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.camel.util.json.JsonObject;

/**
 * {@code GET /observe/info} on the management port, in place of Camel's, which also tells who runs the bridge, from
 * which directory, their home directory and the process id: the operating system, the JVM and the Camel context,
 * nothing about the machine's users.
 */
final class ManagementInfo extends ServiceSupport {

    private final CamelContext context;
    private final int port;
    private final String path;
    private Route route;

    private ManagementInfo(CamelContext context, int port, String path) {
        this.context = context;
        this.port = port;
        this.path = path;
    }

    /** Takes the place of Camel's info endpoint when it is on (camel.management.info-enabled). */
    static void replaceCamels(CamelContext context) throws Exception {
        ManagementHttpServer server = context.hasService(ManagementHttpServer.class);
        if (server != null && server.isInfoEnabled()) {
            server.setInfoEnabled(false);
            context.addService(new ManagementInfo(context, server.getPort(), server.getInfoPath()), true, true);
        }
    }

    @Override
    protected void doStart() {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context,
                VertxPlatformHttpRouter.getRouterNameFromPort(port));
        route = router.route(HttpMethod.GET, path).handler(this::answer);
    }

    @Override
    protected void doStop() {
        if (route != null) {
            route.remove();
            route = null;
        }
    }

    private void answer(RoutingContext request) {
        JsonObject info = new JsonObject();
        JsonObject os = new JsonObject();
        os.put("name", System.getProperty("os.name"));
        os.put("version", System.getProperty("os.version"));
        os.put("arch", System.getProperty("os.arch"));
        info.put("os", os);
        JsonObject java = new JsonObject();
        java.put("vendor", System.getProperty("java.vm.vendor"));
        java.put("name", System.getProperty("java.vm.name"));
        java.put("version", System.getProperty("java.version"));
        info.put("java", java);
        JsonObject camel = new JsonObject();
        camel.put("name", context.getName());
        camel.put("version", context.getVersion());
        camel.put("status", context.getStatus().name());
        camel.put("uptime", context.getUptime().toString());
        long started = context.getRoutes().stream()
                .filter(r -> context.getRouteController().getRouteStatus(r.getRouteId()).isStarted()).count();
        camel.put("routes", started + "/" + context.getRoutes().size());
        info.put("camel", camel);
        request.response().putHeader("Content-Type", "application/json").end(info.toJson());
    }
}
