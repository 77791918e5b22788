package io.hacamel.bridge.publish;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A target's queue: delivers in order on its own thread, merges per entity when behind, hands back on stop. */
class PublishQueueTest {

    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private final BlockingQueue<String> delivered = new LinkedBlockingQueue<>();
    private final CountDownLatch unblock = new CountDownLatch(1);

    @AfterEach
    void stop() {
        unblock.countDown();
        thread.shutdownNow();
    }

    @Test
    void deliversInOrderAndMergesPerEntityWhileTheTargetIsSlow() throws Exception {
        CountDownLatch firstTaken = new CountDownLatch(1);
        PublishQueue<String> queue = new PublishQueue<>("test", 2, item -> item.substring(0, 1), (a, b) -> b,
                item -> {
                    firstTaken.countDown();
                    waitFor(unblock);
                    delivered.add(item);
                    return true;
                });
        queue.start(thread);
        queue.offer("a1");
        firstTaken.await();

        for (String item : new String[] {"b1", "c1", "b2", "b3", "c2", "a2"}) {
            assertThat(queue.offer(item)).isTrue();
        }
        assertThat(queue.depth()).isEqualTo(2 + 3);
        assertThat(queue.coalesced()).isEqualTo(1);
        unblock.countDown();

        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() == 6);
        assertThat(delivered).containsExactly("a1", "b1", "c1", "b3", "c2", "a2");
    }

    @Test
    void stoppingHandsBackWhatWasNotDeliveredIncludingAnInterruptedItem() throws Exception {
        CountDownLatch firstTaken = new CountDownLatch(1);
        PublishQueue<String> queue = new PublishQueue<>("test", 10, item -> item, (a, b) -> b, item -> {
            firstTaken.countDown();
            try {
                unblock.await();
                return true;
            } catch (InterruptedException e) {
                return false;
            }
        });
        queue.start(thread);
        queue.offer("x");
        firstTaken.await();
        queue.offer("y");
        queue.offer("z");

        List<String> left = queue.stop(100);

        assertThat(left).containsExactly("x", "y", "z");
        assertThat(queue.offer("late")).isFalse();
    }

    @Test
    void itemsOfferedBeforeTheThreadStartsWait() {
        PublishQueue<String> queue = new PublishQueue<>("test", 10, item -> item, (a, b) -> b, delivered::add);
        queue.offer("early");

        queue.start(thread);

        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.contains("early"));
    }

    @Test
    void whatIsOnItsWayIsFinishedOnceNothingMoreWaitsNotAfterEachItem() throws Exception {
        CountDownLatch firstTaken = new CountDownLatch(1);
        Window window = new Window();
        PublishQueue<String> queue = new PublishQueue<>("test", 10, item -> item, (a, b) -> b, item -> {
            firstTaken.countDown();
            waitFor(unblock);
            window.send(item);
            return true;
        }, window);
        queue.start(thread);
        queue.offer("a");
        firstTaken.await();
        queue.offer("b");
        queue.offer("c");
        unblock.countDown();

        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() == 4);
        assertThat(delivered).containsExactly("a", "b", "c", "drained");
        queue.offer("d");
        await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() == 6);
        assertThat(delivered).containsExactly("a", "b", "c", "drained", "d", "drained");
    }

    /** Like the MQTT target's window: items go on their way, and are finished together. */
    private final class Window implements PublishQueue.Drain {
        private boolean onItsWay;

        void send(String item) {
            delivered.add(item);
            onItsWay = true;
        }

        @Override
        public boolean pending() {
            return onItsWay;
        }

        @Override
        public void drain() {
            delivered.add("drained");
            onItsWay = false;
        }
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
