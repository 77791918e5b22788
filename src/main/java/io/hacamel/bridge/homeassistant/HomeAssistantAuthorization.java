package io.hacamel.bridge.homeassistant;

import io.hacamel.bridge.client.HaConnection;
import io.hacamel.bridge.client.HaErrorCode;
import io.hacamel.bridge.client.HaException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Sets {@code Authorization: Bearer <token>} for a call to Home Assistant's REST API. The token comes from the
 * component at call time, so it appears in no route definition, endpoint URI or log line. A token Home Assistant
 * refused on the session is not sent over REST either, until the token changes: every refused token is a failed
 * login to Home Assistant, which bans an address after a few. The call then fails (503) before anything is sent.
 */
public class HomeAssistantAuthorization implements Processor {

    private final HomeAssistantComponent component;

    public HomeAssistantAuthorization(HomeAssistantComponent component) {
        this.component = component;
    }

    @Override
    public void process(Exchange exchange) {
        String token = component.getConfiguration().accessToken();
        HaConnection connection = component.getConnection();
        if (connection != null && connection.rejected(token)) {
            throw new HaException(HaErrorCode.INVALID_AUTH, "Home Assistant rejected the bridge's access token, so it "
                    + "is not sent again: put a valid token in ha.token-file (read again every ha.reconnect.max-delay) "
                    + "or set ha.token and restart the bridge");
        }
        exchange.getMessage().setHeader("Authorization", "Bearer " + token);
    }
}
