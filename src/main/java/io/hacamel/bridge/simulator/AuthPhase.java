package io.hacamel.bridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Checks a connection's first message the way Home Assistant's websocket auth phase does. */
final class AuthPhase {

    static final String INVALID_TOKEN = "Invalid access token or password";

    /** {@code AUTH_MESSAGE_SCHEMA}. */
    private static final Schema AUTH_MESSAGE = Schema.strict()
        .required("type", Validators.literal("auth"))
        .optional("api_password", Validators.STR)
        .optional("access_token", Validators.STR);

    private AuthPhase() {
    }

    /** Null when the message authenticates, else the auth_invalid message to answer with. */
    static String reject(JsonNode message, AccessTokens tokens) {
        List<Invalid> errors = AUTH_MESSAGE.validate(message);
        if (!errors.isEmpty()) {
            return "Auth message incorrectly formatted: " + Invalid.humanize(message, errors);
        }
        JsonNode token = message.get("access_token");
        return token != null && tokens.accepts(token.textValue()) ? null : INVALID_TOKEN;
    }
}
