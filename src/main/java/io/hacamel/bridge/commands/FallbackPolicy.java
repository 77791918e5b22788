package io.hacamel.bridge.commands;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import io.hacamel.bridge.client.HaException;

/**
 * Decides whether a service call that failed over the session may be sent over the REST API instead. A service call
 * is not idempotent (a toggle run twice undoes itself), so only a call that certainly did not reach Home Assistant
 * falls back: there was no session, writing it failed, or the circuit breaker did not let it through. A call that was
 * sent and got no answer has an unknown outcome; it is re-sent only if its service is listed in
 * {@code commands.resend-if-unknown}, which says that running it twice does no harm.
 */
final class FallbackPolicy {

    /** What to do with a failed call; {@code reason} is for people, {@code tag} for the metrics. */
    record Decision(boolean fallBack, String reason, String tag) {
    }

    private static final Pattern SERVICE_PATTERN = Pattern.compile("^\\*$|^[a-z0-9_*]+\\.[a-z0-9_*]+$");

    private final List<Pattern> resendIfUnknown;
    private final String configured;

    /** @param resendIfUnknown comma-separated {@code domain.service} names, {@code *} matching any part */
    FallbackPolicy(String resendIfUnknown) {
        this.configured = resendIfUnknown.trim();
        this.resendIfUnknown = Arrays.stream(configured.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(FallbackPolicy::compile).toList();
    }

    /**
     * @param failure      what the session's attempt failed with; null when the circuit breaker did not let it try
     * @param breakerState the breaker's state when the fallback ran, e.g. OPEN
     */
    Decision decide(Throwable failure, String breakerState, String service) {
        if (failure == null) {
            return new Decision(true, "the circuit breaker is " + breakerState.toLowerCase().replace('_', '-')
                    + ", so the call was not tried over the session", "circuit_" + breakerState.toLowerCase());
        }
        if (failure instanceof HaException ha && !ha.delivered()) {
            return new Decision(true, ha.getMessage() + " (not sent)", "not_sent");
        }
        if (failure instanceof HaException ha && resends(service)) {
            return new Decision(true, ha.getMessage() + "; outcome unknown, re-sent as " + service
                    + " is listed in commands.resend-if-unknown", "resend_unknown");
        }
        return new Decision(false, failure.getMessage(), "unknown");
    }

    String configured() {
        return configured;
    }

    private boolean resends(String service) {
        return resendIfUnknown.stream().anyMatch(pattern -> pattern.matcher(service).matches());
    }

    private static Pattern compile(String entry) {
        if (!SERVICE_PATTERN.matcher(entry).matches()) {
            throw new IllegalArgumentException("commands.resend-if-unknown: '" + entry + "' is not a service such as "
                    + "light.turn_on, light.* or *");
        }
        return Pattern.compile(Arrays.stream(entry.split("\\*", -1)).map(Pattern::quote)
                .reduce((a, b) -> a + "[a-z0-9_.]*" + b).orElseThrow());
    }
}
