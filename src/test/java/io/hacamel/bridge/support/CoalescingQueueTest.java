package io.hacamel.bridge.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CoalescingQueueTest {

    /** Items are "key=value"; merging keeps the older value's first part and the newer value. */
    private final CoalescingQueue<String> queue = new CoalescingQueue<>(3,
            item -> item.startsWith("-") ? null : item.substring(0, item.indexOf('=')),
            (older, newer) -> newer + "(after " + older + ")");

    @Test
    void closingWakesAPollerThatWaitsWithoutATimeoutAndLeavesWhatWaitsToBeTaken() throws Exception {
        CompletableFuture<String> polled = CompletableFuture.supplyAsync(() -> {
            try {
                return queue.poll(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        queue.close();

        assertThat(polled.get(10, TimeUnit.SECONDS)).isNull();
        queue.offer("a=1");
        assertThat(queue.poll(Long.MAX_VALUE, TimeUnit.NANOSECONDS)).isEqualTo("a=1");
        assertThat(queue.poll(Long.MAX_VALUE, TimeUnit.NANOSECONDS)).isNull();
    }

    @Test
    void keepsOrderWhileThereIsRoom() throws Exception {
        queue.offer("a=1");
        queue.offer("b=1");
        queue.offer("a=2");

        assertThat(drain()).containsExactly("a=1", "b=1", "a=2");
        assertThat(queue.coalesced()).isZero();
    }

    @Test
    void coalescesPerKeyWhenFullAndNeverLosesTheLatest() throws Exception {
        for (int i = 1; i <= 3; i++) {
            queue.offer("a=" + i);
        }
        queue.offer("b=1");
        queue.offer("a=4");
        queue.offer("b=2");
        queue.offer("a=5");

        assertThat(queue.depth()).isEqualTo(5);
        assertThat(drain()).containsExactly("a=1", "a=2", "a=3", "b=2(after b=1)", "a=5(after a=4)");
        assertThat(queue.coalesced()).isEqualTo(2);
    }

    @Test
    void whileOverflowingEveryItemQueuesBehindTheOverflowToKeepPerKeyOrder() throws Exception {
        queue.offer("a=1");
        queue.offer("a=2");
        queue.offer("a=3");
        queue.offer("b=1");
        assertThat(queue.poll()).isEqualTo("a=1");
        queue.offer("b=2");

        assertThat(drain()).containsExactly("a=2", "a=3", "b=2(after b=1)");
    }

    @Test
    void dropsAndCountsUnkeyedItemsOnlyWhenTheOverflowIsFullOfThem() throws Exception {
        for (int i = 0; i < 6; i++) {
            assertThat(queue.offer("-" + i)).isTrue();
        }
        assertThat(queue.offer("-6")).isFalse();

        assertThat(queue.dropped()).isEqualTo(1);
        assertThat(drain()).containsExactly("-0", "-1", "-2", "-3", "-4", "-5");
    }

    @Test
    void pollWaitsUpToItsTimeout() throws Exception {
        assertThat(queue.poll(10, TimeUnit.MILLISECONDS)).isNull();
    }

    private List<String> drain() {
        List<String> items = new ArrayList<>();
        for (String item = queue.poll(); item != null; item = queue.poll()) {
            items.add(item);
        }
        return items;
    }
}
