package io.hacamel.bridge.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.Predicate;

import io.hacamel.bridge.support.BelowReader;
import io.hacamel.bridge.support.CoalescingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One publishing target's queue and the single thread that empties it, in order. Offering never blocks and the queue
 * never grows without bound: while the target is slow or down, waiting items of one entity merge (the latest always
 * wins, see {@link CoalescingQueue}), so the Home Assistant event stream never waits for a target, and a slow target
 * never slows another.
 *
 * @param <T> what is published; {@code deliver} returns true once an item reached its final outcome (delivered or
 *            kept as a dead letter), false when it did not (the thread was interrupted while stopping)
 */
final class PublishQueue<T> {

    private static final Logger LOG = LoggerFactory.getLogger(PublishQueue.class);
    /** How long it waits for the next item before finishing what is on its way (see {@link Drain}). */
    private static final long DRAIN_POLL_MILLIS = 2;

    /**
     * What a target finishes once nothing more waits: the MQTT target settles the updates it published ahead. Left
     * to the next item while items keep coming, so that a steady trickle of changes wakes the thread once per item
     * rather than again for each acknowledgement (each wake-up of a sleeping thread costs tens of microseconds).
     */
    interface Drain {
        Drain NONE = new Drain() {
            @Override
            public boolean pending() {
                return false;
            }

            @Override
            public void drain() {
            }
        };

        boolean pending();

        void drain();
    }

    private final String name;
    private final CoalescingQueue<T> queue;
    private final Predicate<T> deliver;
    private final Drain drain;
    private volatile boolean accepting = true;
    private volatile boolean running;
    private volatile T inFlight;
    private volatile CountDownLatch finished = new CountDownLatch(1);
    /** Which start the thread belongs to: a thread of an earlier start that outlived its stop ends. */
    private volatile int generation;
    private volatile Thread workerThread;

    PublishQueue(String name, int capacity, Function<T, String> keyOf, BinaryOperator<T> merge, Predicate<T> deliver) {
        this(name, capacity, keyOf, merge, deliver, Drain.NONE);
    }

    PublishQueue(String name, int capacity, Function<T, String> keyOf, BinaryOperator<T> merge, Predicate<T> deliver,
            Drain drain) {
        this.name = name;
        this.queue = new CoalescingQueue<>(capacity, keyOf, merge);
        this.deliver = deliver;
        this.drain = drain;
    }

    /** Starts the thread; a stopped queue starts again taking items (a bridge that leads its pair again). */
    void start(ExecutorService thread) {
        CountDownLatch done = new CountDownLatch(1);
        finished = done;
        int started = ++generation;
        accepting = true;
        running = true;
        thread.execute(() -> work(started, done));
    }

    /** Never blocks; items wait until the thread starts. False when not taken (keyless while full, or stopped). */
    boolean offer(T item) {
        return accepting && queue.offer(item);
    }

    /**
     * Stops taking items, lets the item in flight finish for up to {@code grace}, then interrupts it. Returns what
     * was never delivered: the waiting items and an interrupted one, oldest first.
     */
    List<T> stop(long graceMillis) {
        accepting = false;
        boolean started = running;
        running = false;
        queue.close();
        try {
            if (started && !finished.await(graceMillis, TimeUnit.MILLISECONDS) && workerThread != null) {
                workerThread.interrupt();
                if (!finished.await(1, TimeUnit.SECONDS)) {
                    // e.g. blocked reading an answer: the item counts as undelivered, a late success is a duplicate
                    LOG.info("The publishing thread of {} is still busy; its item is handed back", name);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<T> left = new ArrayList<>();
        T unfinished = inFlight;
        if (unfinished != null) {
            left.add(unfinished);
        }
        for (T item = queue.poll(); item != null; item = queue.poll()) {
            left.add(item);
        }
        return left;
    }

    int depth() {
        return queue.depth();
    }

    int capacity() {
        return queue.capacity();
    }

    /** Items merged into a waiting item of the same entity (intermediate states that were never published). */
    long coalesced() {
        return queue.coalesced();
    }

    private void work(int started, CountDownLatch finished) {
        workerThread = Thread.currentThread();
        BelowReader.lowerThisThread();
        try {
            while (running && generation == started) {
                boolean draining = drain.pending();
                // with nothing to finish it sleeps until an item comes (or stop() closes the queue): no idle wake-ups
                T item = draining ? queue.poll(DRAIN_POLL_MILLIS, TimeUnit.MILLISECONDS)
                        : queue.poll(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
                if (item != null) {
                    publish(item);
                } else if (draining) {
                    drain.drain();
                }
            }
        } catch (InterruptedException e) {
            // stopping
        } finally {
            finished.countDown();
        }
    }

    private void publish(T item) throws InterruptedException {
        inFlight = item;
        boolean done;
        try {
            done = deliver.test(item);
        } catch (RuntimeException e) {
            LOG.error("Publishing to {} failed unexpectedly; the item is skipped", name, e);
            inFlight = null;
            return;
        }
        if (!done) {
            throw new InterruptedException(); // stop() hands the item in flight back
        }
        inFlight = null;
    }
}
