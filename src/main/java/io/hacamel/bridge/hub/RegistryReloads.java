package io.hacamel.bridge.hub;

import io.hacamel.bridge.client.ConnectionListener;
import io.hacamel.bridge.client.ConnectionState;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks for a fresh load of Home Assistant's registries each time the session is ready: registry events sent while
 * the bridge was away are lost, and an area may have changed meanwhile. The request goes to route
 * hub-registries-changed without waiting, so the session's thread never does.
 */
final class RegistryReloads extends ServiceSupport implements ConnectionListener {

    static final String ENDPOINT = "direct:hub-registries-changed";
    private static final Logger LOG = LoggerFactory.getLogger(RegistryReloads.class);

    private final CamelContext context;
    private volatile ProducerTemplate template;

    RegistryReloads(CamelContext context) {
        this.context = context;
    }

    @Override
    protected void doStart() {
        template = context.createProducerTemplate();
    }

    @Override
    protected void doStop() throws Exception {
        if (template != null) {
            template.stop();
            template = null;
        }
    }

    @Override
    public void onStateChanged(ConnectionState previous, ConnectionState current, String reason) {
        ProducerTemplate producer = template;
        if (current == ConnectionState.READY && producer != null) {
            try {
                producer.asyncSendBody(ENDPOINT, null);
            } catch (RuntimeException e) { // e.g. while Camel stops; the session's other listeners must still run
                LOG.warn("Could not ask for a reload of Home Assistant's registries: {}", e.getMessage());
            }
        }
    }
}
