package io.hacamel.bridge.client;

import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the standing event subscriptions on the current socket and their listeners in step with Home Assistant's
 * states: subscribe_events and unsubscribe_events as listeners come and go, the states a new listener is told, and the
 * resync after every (re)connect, from the {@link StateMirror} when it is in sync (no get_states). On the connection's
 * context.
 */
final class SubscriptionSync {

    /** The session's log lines are one logger's, the one users (and ConnectionLogTest) follow it by. */
    private static final Logger LOG = LoggerFactory.getLogger(HaConnection.class);

    private final Outbox outbox;
    private final Subscriptions subscriptions;
    private final StateMirror mirror;
    private final HaConnectionStats stats;
    private final SessionState state;
    private final HaClientOptions options;
    private boolean mirrorInSync; // a resync filled the mirror on the current socket, and events keep it current
    private boolean resyncing;

    SubscriptionSync(Outbox outbox, Subscriptions subscriptions, StateMirror mirror, HaConnectionStats stats,
            SessionState state, HaClientOptions options) {
        this.outbox = outbox;
        this.subscriptions = subscriptions;
        this.mirror = mirror;
        this.stats = stats;
        this.state = state;
        this.options = options;
    }

    /** Whether the mirror holds every current state, so a state may be read from it without a get_states. */
    boolean mirrorInSync() {
        return mirrorInSync;
    }

    void join(HaSubscription listener) {
        SharedSubscription shared = subscriptions.join(listener);
        HaSocket current = state.connectedSocket();
        if (current == null) {
            return; // the next connect subscribes and resyncs
        }
        if (shared.haId() < 0) {
            subscribeOn(current, shared).exceptionally(error -> {
                current.close("subscribing failed: " + HaException.rootMessage(error));
                return null;
            });
        } else if (shared.active()) {
            seed(current, shared);
        } // else: the answer to its subscribe_events, on its way, seeds the listener
    }

    void leave(HaSubscription listener) {
        SharedSubscription dropped = subscriptions.leave(listener);
        if (dropped == null) {
            return;
        }
        HaSocket current = state.connectedSocket();
        if (dropped.haId() >= 0 && current != null) {
            outbox.send(current, HaMessages.unsubscribeEvents(dropped.haId()), options.requestTimeout(), null)
                    .exceptionally(e -> null);
        }
        dropped.forget();
        if (dropped.receivesStateChanges() && !subscriptions.anyReceivesStateChanges()) {
            mirrorInSync = false;
            mirror.clear();
        }
    }

    /** On a new socket: subscribes every standing subscription, then resyncs; completes when both are done. */
    CompletableFuture<Void> subscribeAll(HaSocket authenticated) {
        CompletableFuture<?>[] subscribed = Arrays.stream(subscriptions.all())
                .map(subscription -> subscribeOn(authenticated, subscription)).toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(subscribed).thenCompose(v -> resync(authenticated));
    }

    /** Subscription ids and the mirror's being in sync die with the socket. */
    void connectionLost() {
        subscriptions.forgetIds();
        mirrorInSync = false;
        resyncing = false;
    }

    /** Completes on the reader with the answer; from then on the subscription's events flow, so it may be seeded. */
    private CompletableFuture<JsonNode> subscribeOn(HaSocket target, SharedSubscription subscription) {
        return outbox.send(target, HaMessages.subscribeEvents(subscription.eventType()), options.requestTimeout(),
                subscription::bind).thenApply(result -> {
                    if (target == outbox.current() && subscription.haId() >= 0) {
                        subscription.activate();
                        seed(target, subscription);
                    }
                    return result;
                });
    }

    /**
     * Catches up the listeners of an active subscription that were not told the states yet: from the mirror when it
     * is in sync (no get_states), else by a resync. While connecting, the connect's own resync does it.
     */
    private void seed(HaSocket target, SharedSubscription subscription) {
        if (!subscription.receivesStateChanges() || !subscription.anyUnseeded()) {
            return;
        }
        if (mirrorInSync) {
            String now = Instant.now().toString();
            StateMirror.Resync everything = null;
            for (HaSubscription listener : subscription.listeners()) {
                if (!listener.seeded()) {
                    if (listener.wantsEveryState()) {
                        everything = everything != null ? everything : mirror.snapshot(now);
                        deliver(listener, everything, now);
                    }
                    listener.seeded(true);
                }
            }
        } else if (state.get() == ConnectionState.READY && !resyncing) {
            resync(target).exceptionally(error -> {
                target.close("resync failed: " + HaException.rootMessage(error));
                return null;
            });
        }
    }

    /**
     * Fetches every state. Listeners of active state subscriptions get what changed since they were last told
     * (changes, additions, removals), or every state when their seeding asks for it; a listener of changes only that
     * started before the first load gets nothing. Each ends with a synced marker.
     */
    private CompletableFuture<Void> resync(HaSocket target) {
        if (!subscriptions.anyReceivesStateChanges()) {
            return CompletableFuture.completedFuture(null);
        }
        resyncing = true;
        long startedAt = System.nanoTime();
        // completes on the reader, in frame order: events read before this result are already in the mirror
        int[] requestId = {0};
        return outbox.send(target, HaMessages.getStates(), options.requestTimeout().multipliedBy(6),
                        id -> requestId[0] = id)
                .thenAccept(states -> {
                    resyncing = false; // a failed resync closes the socket, and connectionLost resets it
                    String now = Instant.now().toString();
                    boolean firstLoad = mirror.size() == 0;
                    StateMirror.Resync changes = mirror.reconcile(states, target.stateSlices(requestId[0]), now);
                    mirrorInSync = true;
                    ListenerResyncs resyncs = new ListenerResyncs(mirror, changes, firstLoad, now);
                    for (SharedSubscription subscription : subscriptions.all()) {
                        if (!subscription.active() || !subscription.receivesStateChanges()) {
                            continue; // an inactive one is seeded from the mirror when Home Assistant confirms it
                        }
                        for (HaSubscription listener : subscription.listeners()) {
                            StateMirror.Resync resync = resyncs.of(listener);
                            if (resync != null) {
                                deliver(listener, resync, now);
                            }
                            listener.seeded(true);
                        }
                    }
                    stats.resyncs.increment();
                    stats.resyncEvents.add(changes.events().size());
                    stats.lastResyncMillis = (System.nanoTime() - startedAt) / 1_000_000;
                    LOG.info("Resynced {} entities from Home Assistant in {} ms: {} changed or added, {} removed",
                            changes.entities(), stats.lastResyncMillis, changes.changed(), changes.removed());
                });
    }

    private static void deliver(HaSubscription listener, StateMirror.Resync resync, String now) {
        resync.events().forEach(event -> MessageRouter.deliver(listener, event));
        MessageRouter.deliver(listener, HaEvent.synced(resync.entities(), resync.changed(), resync.removed(), now));
    }
}
