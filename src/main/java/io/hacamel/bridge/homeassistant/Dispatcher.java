package io.hacamel.bridge.homeassistant;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.hacamel.bridge.support.BelowReader;
import io.hacamel.bridge.support.CoalescingQueue;
import org.apache.camel.CamelContext;

/**
 * A consumer's queue and the one thread that hands what waits in it to the route, in order. The session's reader only
 * offers, never waits; the route runs on this thread.
 */
final class Dispatcher<T> {

    private final CoalescingQueue<T> queue;
    private final Consumer<T> route;
    private volatile boolean running;
    private ExecutorService thread;

    Dispatcher(CoalescingQueue<T> queue, Consumer<T> route) {
        this.queue = queue;
        this.route = route;
    }

    CoalescingQueue<T> queue() {
        return queue;
    }

    void start(CamelContext context, Object source, String threadName) {
        running = true;
        thread = context.getExecutorServiceManager().newSingleThreadExecutor(source, threadName);
        thread.execute(this::loop);
    }

    /** Lets the item being handed on finish, then stops the thread. */
    void stop(CamelContext context) {
        running = false;
        queue.close();
        if (thread != null) {
            context.getExecutorServiceManager().shutdownGraceful(thread);
            thread = null;
        }
    }

    private void loop() {
        BelowReader.lowerThisThread();
        while (running) {
            T item;
            try {
                // no timeout: an idle bridge's threads sleep until there is work; stop() wakes this one
                item = queue.poll(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (item != null) {
                route.accept(item);
            }
        }
    }
}
