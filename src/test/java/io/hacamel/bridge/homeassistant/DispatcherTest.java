package io.hacamel.bridge.homeassistant;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.hacamel.bridge.support.CoalescingQueue;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DispatcherTest {

    @Test
    void theRouteRunsBelowTheReaderAndTheIdleThreadStopsAtOnce() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.start();
            CoalescingQueue<String> queue = new CoalescingQueue<>(10, item -> null, (older, newer) -> newer);
            CompletableFuture<Integer> priority = new CompletableFuture<>();
            Dispatcher<String> dispatcher = new Dispatcher<>(queue,
                    item -> priority.complete(Thread.currentThread().getPriority()));
            dispatcher.start(camel, this, "DispatcherTest");

            queue.offer("a change");

            assertThat(priority.get(10, TimeUnit.SECONDS)).isEqualTo(Thread.MIN_PRIORITY);
            // waiting without a timeout for its next item, it is woken to stop
            CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> dispatcher.stop(camel));
            stopped.get(5, TimeUnit.SECONDS);
        }
    }
}
