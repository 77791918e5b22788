package io.hacamel.bridge.simulator;

/** A valid but huge event frame, padded to a requested size, for testing clients' frame limits. */
final class OversizedFrame {

    private OversizedFrame() {
    }

    static String of(long subscriptionId, int bytes) {
        String head = "{\"id\":" + subscriptionId + ",\"type\":\"event\",\"event\":{"
            + "\"event_type\":\"simulator_oversized\",\"data\":{\"padding\":\"";
        String tail = "\"},\"origin\":\"LOCAL\",\"time_fired\":\"" + HaTime.now() + "\",\"context\":"
            + HaContext.system().json() + "}}";
        int padding = Math.max(0, bytes - head.length() - tail.length());
        return head + "x".repeat(padding) + tail;
    }
}
