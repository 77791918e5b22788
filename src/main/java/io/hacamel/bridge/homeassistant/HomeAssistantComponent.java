package io.hacamel.bridge.homeassistant;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hacamel.bridge.client.ConnectionListener;
import io.hacamel.bridge.client.HaConnection;
import io.hacamel.bridge.client.RequestObserver;
import io.vertx.core.Vertx;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.StartupListener;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.CamelContextHelper;
import org.apache.camel.support.DefaultComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The homeassistant component: one WebSocket session per component instance, shared by all its endpoints. The
 * session connects once Camel has started and keeps reconnecting in the background, so Camel starts even while Home
 * Assistant is down; the {@code homeassistant} readiness check tells when it is usable.
 */
@Component("homeassistant")
public class HomeAssistantComponent extends DefaultComponent {

    private static final Logger LOG = LoggerFactory.getLogger(HomeAssistantComponent.class);

    @Metadata(description = "How to reach Home Assistant")
    private HomeAssistantConfiguration configuration = new HomeAssistantConfiguration();
    @Metadata(label = "advanced", autowired = true, description = "The Vert.x instance to run the session on; by "
                                                                  + "default the single one in the registry")
    private Vertx vertx;

    private HomeAssistantEventObserver eventObserver = HomeAssistantEventObserver.NONE;
    private RequestObserver requestObserver = RequestObserver.NONE;

    private final ObjectMapper mapper = new ObjectMapper();
    private final List<ConnectionListener> connectionListeners = new CopyOnWriteArrayList<>();
    private boolean createdVertx;
    private HaConnection connection;
    private ExecutorService callbackExecutor;
    private HomeAssistantHealthCheck healthCheck;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        HomeAssistantEndpoint endpoint = new HomeAssistantEndpoint(uri, this, HomeAssistantOperation.fromPath(remaining));
        setProperties(endpoint, parameters);
        return endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (configuration.getUrl() == null || configuration.getUrl().isBlank()) {
            throw new IllegalArgumentException("homeassistant: no Home Assistant URL configured");
        }
        if (!configuration.hasToken()) {
            throw new IllegalArgumentException("homeassistant: no access token configured for " + configuration.getUrl()
                    + " (set a long-lived access token, e.g. HA_TOKEN or HA_TOKEN_FILE)");
        }
        if (vertx == null) {
            vertx = CamelContextHelper.findSingleByType(getCamelContext(), Vertx.class);
        }
        if (vertx == null) {
            vertx = Vertx.vertx();
            createdVertx = true;
        }
        callbackExecutor = getCamelContext().getExecutorServiceManager().newCachedThreadPool(this, "HomeAssistant");
        connection = new HaConnection(vertx, configuration.toClientOptions(), mapper);
        connection.addListener((previous, current, reason) -> LOG.debug("Session {} -> {}: {}", previous, current, reason));
        connectionListeners.forEach(connection::addListener);
        connection.observeRequests(requestObserver);
        healthCheck = new HomeAssistantHealthCheck(connection);
        HealthCheckRegistry registry = HealthCheckRegistry.get(getCamelContext());
        if (registry != null) {
            registry.register(healthCheck);
        }
        getCamelContext().addStartupListener(new ConnectWhenStarted(connection));
    }

    @Override
    protected void doStop() throws Exception {
        if (connection != null) {
            connection.stop();
            connection = null;
        }
        HealthCheckRegistry registry = HealthCheckRegistry.get(getCamelContext());
        if (registry != null && healthCheck != null) {
            registry.unregister(healthCheck);
        }
        if (callbackExecutor != null) {
            getCamelContext().getExecutorServiceManager().shutdown(callbackExecutor);
            callbackExecutor = null;
        }
        if (createdVertx) {
            vertx.close();
            vertx = null;
            createdVertx = false;
        }
        super.doStop();
    }

    /** Connects once every route has started, so that all subscribers take part in the first resync. */
    private record ConnectWhenStarted(HaConnection connection) implements StartupListener {

        @Override
        public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
            if (alreadyStarted) {
                connection.start(); // a component started late, e.g. by a route added at runtime
            }
        }

        @Override
        public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
            connection.start();
        }
    }

    /** Tells the listener about every state change of the session, also of sessions started after this call. */
    public void addConnectionListener(ConnectionListener listener) {
        connectionListeners.add(listener);
        if (connection != null) {
            connection.addListener(listener);
        }
    }

    /** Told about every event the component's consumers handle; set before the routes start. */
    public void setEventObserver(HomeAssistantEventObserver eventObserver) {
        this.eventObserver = eventObserver;
    }

    public HomeAssistantEventObserver getEventObserver() {
        return eventObserver;
    }

    /** Told how every command sent over the session ends; set before the component starts. */
    public void setRequestObserver(RequestObserver requestObserver) {
        this.requestObserver = requestObserver;
    }

    /** The session; available once the component has started. */
    public HaConnection getConnection() {
        return connection;
    }

    /** Where answers from Home Assistant are handed back to Camel, off the session's reader. */
    ExecutorService getCallbackExecutor() {
        return callbackExecutor;
    }

    ObjectMapper getMapper() {
        return mapper;
    }

    public HomeAssistantConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(HomeAssistantConfiguration configuration) {
        this.configuration = configuration;
    }

    public Vertx getVertx() {
        return vertx;
    }

    public void setVertx(Vertx vertx) {
        this.vertx = vertx;
    }
}
