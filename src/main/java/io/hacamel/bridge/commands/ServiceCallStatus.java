package io.hacamel.bridge.commands;

import java.util.LinkedHashMap;
import java.util.Map;

import io.hacamel.bridge.api.StatusSection;

/**
 * The {@code service_calls} section of /status: the circuit breaker's state, the re-send policy and the calls over
 * HTTP in flight.
 */
final class ServiceCallStatus implements StatusSection {

    private final CommandBreaker breaker;
    private final FallbackPolicy policy;
    private final ServiceCallBulkhead bulkhead;

    ServiceCallStatus(CommandBreaker breaker, FallbackPolicy policy, ServiceCallBulkhead bulkhead) {
        this.breaker = breaker;
        this.policy = policy;
        this.bulkhead = bulkhead;
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
        details.put("http_in_flight", bulkhead.inFlight());
        details.put("http_max_concurrent", bulkhead.capacity());
        return details;
    }
}
