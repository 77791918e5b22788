package io.hacamel.bridge.simulator;

import java.util.HashMap;
import java.util.Map;

/** Which handler implements which {@code domain.service}. Services without one succeed and change nothing. */
final class ServiceBehaviours {

    private static final Map<String, ServiceHandler> HANDLERS = new HashMap<>();

    static {
        OnOffServices.register(HANDLERS);
        LightServices.register(HANDLERS);
        DeviceServices.register(HANDLERS);
        HelperServices.register(HANDLERS);
        CoreServices.register(HANDLERS);
        WeatherServices.register(HANDLERS);
    }

    private ServiceBehaviours() {
    }

    static ServiceHandler handlerFor(String domain, String service) {
        return HANDLERS.get(domain + "." + service);
    }
}
