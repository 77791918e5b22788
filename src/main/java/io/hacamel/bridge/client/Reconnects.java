package io.hacamel.bridge.client;

import java.time.Duration;
import java.util.Objects;

import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the next connect happens after a failed or lost session: after a {@link Backoff} delay that grows with every
 * failure in a row, never after a refused token until the token changes, and never again once the allowed attempts
 * are used up. Runs on the connection's context.
 */
final class Reconnects {

    /** The session's log lines are one logger's, the one users (and ConnectionLogTest) follow it by. */
    private static final Logger LOG = LoggerFactory.getLogger(HaConnection.class);

    /** What the reconnects need from the connection. */
    interface Target {

        /** Whether the connection still wants a session (not stopped). */
        boolean started();

        void connect();
    }

    private final Vertx vertx;
    private final Backoff backoff;
    private final HaClientOptions options;
    private final HaConnectionStats stats;
    private final SessionState state;
    private final Target target;
    private int retry;
    private long timer = -1;
    private volatile String rejectedToken; // the token Home Assistant last refused, until it accepts one

    Reconnects(Vertx vertx, HaClientOptions options, HaConnectionStats stats, SessionState state, Target target) {
        this.vertx = vertx;
        this.backoff = options.backoff();
        this.options = options;
        this.stats = stats;
        this.state = state;
        this.target = target;
    }

    /** Whether Home Assistant refused this token (auth_invalid) and has accepted none since. */
    boolean rejected(String token) {
        String rejected = rejectedToken;
        return rejected != null && rejected.equals(token);
    }

    /** Home Assistant accepted a token. */
    void authenticated() {
        rejectedToken = null;
    }

    /** The session is ready: the next failure starts from the first delay again. */
    void ready() {
        retry = 0;
        stats.consecutiveFailures = 0;
    }

    /** A connect with {@code triedToken} failed: waits for another token after auth_invalid, else backs off. */
    void connectFailed(HaException error, String triedToken) {
        stats.connectFailures.increment();
        stats.consecutiveFailures++;
        stats.lastError = error.getMessage();
        if (error.code() == HaErrorCode.INVALID_AUTH) {
            stats.authFailures.increment();
            // retrying the same token would only get the bridge's address banned (Home Assistant's ip_ban)
            LOG.error("{}. Not reconnecting until the access token changes: put a valid long-lived access token in "
                    + "HA_TOKEN_FILE (read again every {} ms) or set HA_TOKEN and restart the bridge.",
                    error.getMessage(), backoff.max().toMillis());
            rejectedToken = triedToken;
            state.set(ConnectionState.AUTH_FAILED, error.getMessage());
            awaitNewToken(triedToken);
            return;
        }
        schedule(error.getMessage());
    }

    /** Connects again after the backoff delay of the next attempt, or gives up when the attempts are used up. */
    void schedule(String reason) {
        if (!target.started()) {
            return;
        }
        retry++;
        if (backoff.exhausted(retry - 1)) {
            LOG.error("Giving up on Home Assistant after {} reconnect attempts (ha.reconnect.max-attempts); last error: {}",
                    retry - 1, reason);
            state.set(ConnectionState.GAVE_UP, reason);
            return;
        }
        Duration delay = backoff.delay(retry);
        String plan = reason + "; reconnecting in " + delay.toMillis() + " ms (attempt " + retry + ")";
        LOG.warn("Home Assistant unavailable: {}", plan);
        state.set(ConnectionState.DISCONNECTED, plan);
        timer = vertx.setTimer(Math.max(1, delay.toMillis()), t -> {
            timer = -1;
            target.connect();
        });
    }

    void cancel() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    /** After auth_invalid: reads the token again every backoff cap, and connects once it is another one. */
    private void awaitNewToken(String rejected) {
        timer = vertx.setTimer(Math.max(1, backoff.max().toMillis()), t -> {
            timer = -1;
            if (!target.started()) {
                return;
            }
            String current;
            try {
                current = options.token().get();
            } catch (RuntimeException e) {
                current = rejected; // an unreadable file is no new token; keep waiting
            }
            if (Objects.equals(current, rejected)) {
                awaitNewToken(rejected);
            } else {
                LOG.info("The access token changed; connecting to Home Assistant again");
                target.connect();
            }
        });
    }
}
