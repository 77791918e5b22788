package io.hacamel.bridge.simulator;

/** The one long-lived access token the simulated Home Assistant accepts, which faults may revoke or replace. */
final class AccessTokens {

    private final String configured;
    private volatile String valid;

    AccessTokens(String configured) {
        this.configured = configured;
        this.valid = configured;
    }

    boolean accepts(String candidate) {
        String current = valid;
        return current != null && current.equals(candidate);
    }

    void revoke() {
        valid = null;
    }

    void accept(String token) {
        valid = token;
    }

    void reset() {
        valid = configured;
    }
}
