package io.hacamel.bridge.commands;

import java.util.LinkedHashMap;
import java.util.Map;

import io.hacamel.bridge.api.StatusSection;

/** The {@code service_calls} section of /status: the circuit breaker's state and the re-send policy. */
final class ServiceCallStatus implements StatusSection {

    private final CommandBreaker breaker;
    private final FallbackPolicy policy;

    ServiceCallStatus(CommandBreaker breaker, FallbackPolicy policy) {
        this.breaker = breaker;
        this.policy = policy;
    }

    @Override
    public String name() {
        return "service_calls";
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("circuit_breaker", breaker.describe());
        details.put("resend_if_unknown", policy.configured());
        return details;
    }
}
