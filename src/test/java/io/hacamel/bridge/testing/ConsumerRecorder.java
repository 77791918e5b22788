package io.hacamel.bridge.testing;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.hacamel.bridge.homeassistant.HomeAssistantConstants;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * What a {@code homeassistant:events} route received, in order, as the headers the consumer set. Tests take events
 * with {@code next…()} (which waits up to a deadline) and end with {@link #assertExhausted()}.
 */
public final class ConsumerRecorder implements Processor {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** One event as a route sees it. */
    public record Received(String eventType, String entityId, String state, boolean resync) {
    }

    private record Entry(Received received, String oldState) {
    }

    private final BlockingQueue<Entry> received = new LinkedBlockingQueue<>();
    private String lastOldState;

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        received.add(new Entry(new Received(message.getHeader(HomeAssistantConstants.EVENT_TYPE, String.class),
                message.getHeader(HomeAssistantConstants.ENTITY_ID, String.class),
                message.getHeader(HomeAssistantConstants.STATE, String.class),
                message.getHeader(HomeAssistantConstants.RESYNC, false, Boolean.class)),
                message.getHeader(HomeAssistantConstants.OLD_STATE, String.class)));
    }

    public Received next() {
        try {
            Entry next = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (next == null) {
                fail("no event within " + WAIT.toMillis() + " ms");
            }
            lastOldState = next.oldState();
            return next.received();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The old state of the event {@link #next()} returned last (null when it had none). */
    public String lastOldState() {
        return lastOldState;
    }

    /** The next event must be a live (not resync) state change of this entity to this state. */
    public void nextChange(String entityId, String state) {
        assertThat(next()).isEqualTo(new Received("state_changed", entityId, state, false));
    }

    /** The next event must be the end of a resync. */
    public void nextSynced() {
        assertThat(next().eventType()).isEqualTo("bridge_synced");
    }

    public void assertExhausted() {
        assertThat(received).as("events no test looked at").isEmpty();
    }
}
