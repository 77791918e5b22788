package io.hacamel.bridge.support;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BinaryOperator;
import java.util.function.Function;

/**
 * A hand-off queue that never blocks its producer and never grows without bound. Up to {@code capacity} items wait in
 * order; beyond that, items are kept by key (an entity id) and a newer item merges into the one waiting for the same
 * key, so the latest state per key is never lost while intermediate ones are coalesced and counted. Items without a
 * key that arrive while the queue is full are dropped and counted: callers give every item that matters a key.
 */
public final class CoalescingQueue<T> {

    private final int capacity;
    private final Function<T, String> keyOf;
    private final BinaryOperator<T> merge;
    private final ArrayDeque<T> inOrder = new ArrayDeque<>();
    private final Map<Object, T> overflow = new LinkedHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final AtomicLong coalesced = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private int unkeyedInOverflow;
    private long sequence;
    private boolean closed;

    /**
     * @param keyOf the key an item coalesces under, or null for an item that cannot be merged
     * @param merge combines a waiting item (first argument) with a newer one for the same key
     */
    public CoalescingQueue(int capacity, Function<T, String> keyOf, BinaryOperator<T> merge) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.keyOf = keyOf;
        this.merge = merge;
    }

    /** Adds an item without ever blocking. Returns false when it was dropped (full, and the item has no key). */
    public boolean offer(T item) {
        lock.lock();
        try {
            if (overflow.isEmpty() && inOrder.size() < capacity) {
                inOrder.addLast(item);
            } else if (!addToOverflow(item)) {
                return false;
            }
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The next item, waiting up to the timeout; null when none came, or the queue was closed while empty. */
    public T poll(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lockInterruptibly();
        try {
            while (inOrder.isEmpty() && overflow.isEmpty()) {
                if (nanos <= 0 || closed) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            return take();
        } finally {
            lock.unlock();
        }
    }

    /** The next item if one is waiting, else null. */
    public T poll() {
        lock.lock();
        try {
            return inOrder.isEmpty() && overflow.isEmpty() ? null : take();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Wakes whoever waits in {@link #poll(long, TimeUnit)}: from now on it returns null at once when nothing waits.
     * So that a consumer thread can wait for its next item without a timeout, instead of waking up every so often
     * only to see whether it should stop.
     */
    public void close() {
        lock.lock();
        try {
            closed = true;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public int depth() {
        lock.lock();
        try {
            return inOrder.size() + overflow.size();
        } finally {
            lock.unlock();
        }
    }

    public int capacity() {
        return capacity;
    }

    /** Items merged into a waiting item for the same key. */
    public long coalesced() {
        return coalesced.get();
    }

    /** Items without a key that could not be kept. */
    public long dropped() {
        return dropped.get();
    }

    private boolean addToOverflow(T item) {
        String key = keyOf.apply(item);
        if (key == null) {
            if (unkeyedInOverflow >= capacity) {
                dropped.incrementAndGet();
                return false;
            }
            unkeyedInOverflow++;
            overflow.put(sequence++, item);
            return true;
        }
        T waiting = overflow.get(key);
        if (waiting == null) {
            overflow.put(key, item);
        } else {
            overflow.put(key, merge.apply(waiting, item));
            coalesced.incrementAndGet();
        }
        return true;
    }

    /** In-order items first: they are all older than anything in the overflow. */
    private T take() {
        if (!inOrder.isEmpty()) {
            return inOrder.pollFirst();
        }
        Iterator<Map.Entry<Object, T>> first = overflow.entrySet().iterator();
        Map.Entry<Object, T> entry = first.next();
        first.remove();
        if (!(entry.getKey() instanceof String)) {
            unkeyedInOverflow--;
        }
        return entry.getValue();
    }
}
