package io.hacamel.bridge.api;

/**
 * Who may use the API without a key, from {@code bridge.api-key} (or the generated key file), {@code api.metrics-key}
 * and {@code api.public-reads}. Bound as {@code apiAccess}; the request gate and the hub ask it.
 */
public final class ApiAccess {

    static final String METRICS_PATH = "/metrics";

    private final ApiKeyCheck apiKey;
    private final ApiKeyCheck metricsKey;
    private final boolean publicReads;

    ApiAccess(ApiKeyCheck apiKey, ApiKeyCheck metricsKey, boolean publicReads) {
        this.apiKey = apiKey;
        this.metricsKey = metricsKey;
        this.publicReads = publicReads;
    }

    /** No key at all: the demo mode without {@code bridge.api-key}, which listens on 127.0.0.1 only. */
    public boolean open() {
        return !apiKey.isEnabled();
    }

    /** Whether reading (GET, the hub's live states) needs a key. */
    public boolean readsNeedKey() {
        return !open() && !publicReads;
    }

    public ApiKeyCheck apiKey() {
        return apiKey;
    }

    /** Whether a request with this method needs a key at all. */
    boolean needsKey(String method) {
        boolean read = method.equals("GET") || method.equals("HEAD");
        return read ? readsNeedKey() : !open();
    }

    /** The API key opens every path; the metrics key only {@code /metrics}. */
    boolean accepts(String path, String presented) {
        boolean api = apiKey.accepts(presented);
        boolean metrics = path.equals(METRICS_PATH) && metricsKey.accepts(presented);
        return api | metrics;
    }
}
