package io.hacamel.bridge.cluster;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reads both bridges' /status at the same moment, round after round, for as long as a test runs: two answers that
 * both say {@code leader} to requests that were on their way at the same time are two leaders at once. The members
 * can be swapped (a bridge restarted) while it samples.
 */
final class RoleSampler implements AutoCloseable {

    /** Two answers of one round: each bridge's role, and when its request left and its answer came. */
    record Round(String first, long firstSent, long firstAnswered, String second, long secondSent,
            long secondAnswered) {

        boolean twoLeaders() {
            boolean overlapping = firstSent <= secondAnswered && secondSent <= firstAnswered;
            return overlapping && "leader".equals(first) && "leader".equals(second);
        }
    }

    private record Answer(String role, long sent, long answered) {
    }

    /** Pause between rounds; a round itself takes a few milliseconds. */
    private static final long ROUND_MILLIS = 25;

    private final AtomicReference<PairMember> first = new AtomicReference<>();
    private final AtomicReference<PairMember> second = new AtomicReference<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private final ScheduledExecutorService rhythm = Executors.newSingleThreadScheduledExecutor();
    private final List<Round> twoLeaders = new CopyOnWriteArrayList<>();
    private final AtomicInteger rounds = new AtomicInteger();

    RoleSampler(PairMember first, PairMember second) {
        this.first.set(first);
        this.second.set(second);
        rhythm.scheduleWithFixedDelay(this::sample, 0, ROUND_MILLIS, TimeUnit.MILLISECONDS);
    }

    void replace(PairMember old, PairMember replacement) {
        first.compareAndSet(old, replacement);
        second.compareAndSet(old, replacement);
    }

    int rounds() {
        return rounds.get();
    }

    /** Waits until {@code more} rounds more have been sampled. */
    void awaitMoreRounds(int more) {
        int until = rounds() + more;
        await().atMost(Duration.ofSeconds(30)).until(() -> rounds() >= until);
    }

    void assertNeverTwoLeaders() {
        assertThat(rounds()).as("rounds sampled").isGreaterThan(10);
        assertThat(twoLeaders).as("rounds in which both bridges said they lead").isEmpty();
    }

    @Override
    public void close() throws InterruptedException {
        rhythm.shutdown();
        rhythm.awaitTermination(30, TimeUnit.SECONDS);
        threads.shutdown();
        threads.awaitTermination(30, TimeUnit.SECONDS);
    }

    private void sample() {
        CompletableFuture<Answer> a = CompletableFuture.supplyAsync(() -> ask(first.get()), threads);
        CompletableFuture<Answer> b = CompletableFuture.supplyAsync(() -> ask(second.get()), threads);
        Answer one = a.join();
        Answer other = b.join();
        Round round = new Round(one.role(), one.sent(), one.answered(), other.role(), other.sent(), other.answered());
        rounds.incrementAndGet();
        if (round.twoLeaders()) {
            twoLeaders.add(round);
        }
    }

    private static Answer ask(PairMember member) {
        long sent = System.nanoTime();
        String role = member.role();
        return new Answer(role, sent, System.nanoTime());
    }
}
