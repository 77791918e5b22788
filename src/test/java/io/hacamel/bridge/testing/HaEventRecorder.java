package io.hacamel.bridge.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.hacamel.bridge.client.ConnectionListener;
import io.hacamel.bridge.client.ConnectionState;
import io.hacamel.bridge.client.HaEvent;
import io.hacamel.bridge.client.HaEventListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * What a Home Assistant session reported, in order: events and state changes in one queue. Tests take them with
 * {@code next…()} (which waits up to a deadline) and end with {@link #assertExhausted()}.
 */
public final class HaEventRecorder implements HaEventListener, ConnectionListener {

    private static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);

    /** A state change of the session, and when the recorder heard of it. */
    public record StateChange(ConnectionState previous, ConnectionState current, String reason, Instant at) {
    }

    private final BlockingQueue<Object> happened = new LinkedBlockingQueue<>();

    @Override
    public void onEvent(HaEvent event) {
        happened.add(event);
    }

    @Override
    public void onStateChanged(ConnectionState previous, ConnectionState current, String reason) {
        happened.add(new StateChange(previous, current, reason, Instant.now()));
    }

    public Object next(Duration timeout) {
        try {
            Object next = happened.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (next == null) {
                fail("nothing happened within " + timeout.toMillis() + " ms");
            }
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next thing must be an event. */
    public HaEvent nextEvent() {
        Object next = next(DEFAULT_WAIT);
        assertThat(next).as("next thing that happened").isInstanceOf(HaEvent.class);
        return (HaEvent) next;
    }

    /** The next thing must be a state_changed event of this entity. */
    public HaEvent nextStateChange(String entityId) {
        HaEvent event = nextEvent();
        assertThat(event.eventType()).isEqualTo(HaEvent.STATE_CHANGED);
        assertThat(event.entityId()).isEqualTo(entityId);
        return event;
    }

    /** The next thing must be the end of a resync. */
    public HaEvent nextSynced() {
        HaEvent event = nextEvent();
        assertThat(event.eventType()).isEqualTo(HaEvent.SYNCED);
        return event;
    }

    /** The next thing must be a change of the session to this state. */
    public StateChange nextState(ConnectionState expected) {
        Object next = next(DEFAULT_WAIT);
        assertThat(next).as("next thing that happened").isInstanceOf(StateChange.class);
        StateChange change = (StateChange) next;
        assertThat(change.current()).as("session state, after %s", change.reason()).isEqualTo(expected);
        return change;
    }

    /** Skips everything until this session state. */
    public void skipUntilState(ConnectionState expected) {
        skipUntilState(expected, DEFAULT_WAIT);
    }

    /** Skips everything until this session state, waiting up to {@code wait} for each thing. */
    public StateChange skipUntilState(ConnectionState expected, Duration wait) {
        while (true) {
            Object next = next(wait);
            if (next instanceof StateChange change && change.current() == expected) {
                return change;
            }
        }
    }

    /** How many things happened that no test looked at yet. */
    public int waiting() {
        return happened.size();
    }

    public void assertExhausted() {
        assertThat(happened).as("things that happened but no test looked at").isEmpty();
    }
}
