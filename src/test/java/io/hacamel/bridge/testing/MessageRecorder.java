package io.hacamel.bridge.testing;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The messages a route reached this processor with, in order, each a copy (body and headers). Tests take them with
 * {@link #next()}, which waits up to a deadline, and end with {@link #assertExhausted()}.
 */
public final class MessageRecorder implements Processor {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final BlockingQueue<Message> received = new LinkedBlockingQueue<>();

    @Override
    public void process(Exchange exchange) {
        received.add(exchange.getMessage().copy());
    }

    public Message next() {
        try {
            Message next = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (next == null) {
                fail("no message within " + WAIT.toMillis() + " ms");
            }
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public void assertExhausted() {
        assertThat(received).as("messages no test looked at").isEmpty();
    }
}
