package io.hacamel.bridge.client;

/**
 * What one resync tells each listener of state changes, by its {@link HaSubscription.Seeding}: what changed, or every
 * state. The lists of every state are made once per resync, and only when a listener wants them. On the connection's
 * context.
 */
final class ListenerResyncs {

    private final StateMirror mirror;
    private final StateMirror.Resync changes;
    private final boolean firstLoad;
    private final String now;
    private StateMirror.Resync snapshot;
    private StateMirror.Resync everyState;

    /**
     * @param changes   what the resync found changed, added or removed
     * @param firstLoad whether the mirror was empty before the resync
     */
    ListenerResyncs(StateMirror mirror, StateMirror.Resync changes, boolean firstLoad, String now) {
        this.mirror = mirror;
        this.changes = changes;
        this.firstLoad = firstLoad;
        this.now = now;
    }

    /** Null when the listener has nothing to catch up on: changes only, started before the first load. */
    StateMirror.Resync of(HaSubscription listener) {
        if (!listener.wantsEveryState()) {
            return listener.seeded() || !firstLoad ? changes : null;
        }
        if (firstLoad) {
            // into an empty mirror every state is an addition: the changes are everything already, without making
            // 10,000 trees again from the mirror's bytes
            return changes;
        }
        if (!listener.seeded()) {
            snapshot = snapshot != null ? snapshot : mirror.snapshot(now);
            return snapshot;
        }
        everyState = everyState != null ? everyState : mirror.everyState(changes, now);
        return everyState;
    }
}
