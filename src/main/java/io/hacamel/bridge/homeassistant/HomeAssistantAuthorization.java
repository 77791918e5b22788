package io.hacamel.bridge.homeassistant;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Sets {@code Authorization: Bearer <token>} for a call to Home Assistant's REST API. The token comes from the
 * component at call time, so it appears in no route definition, endpoint URI or log line.
 */
public class HomeAssistantAuthorization implements Processor {

    private final HomeAssistantComponent component;

    public HomeAssistantAuthorization(HomeAssistantComponent component) {
        this.component = component;
    }

    @Override
    public void process(Exchange exchange) {
        exchange.getMessage().setHeader("Authorization", "Bearer " + component.getConfiguration().accessToken());
    }
}
