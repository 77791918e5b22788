package io.hacamel.bridge.publish;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.hacamel.bridge.mqtt.MqttConnection;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * The updates the MQTT target published ahead: while changes wait, up to {@link #SIZE} updates are on their way to
 * the broker at once instead of one acknowledgement after the other (waiting for each QoS 1 acknowledgement in turn
 * capped the rate at a few thousand changes per second). Used by the publishing thread only; an update counts as
 * published once every one of its messages is acknowledged, in order. What cannot be sent ahead, or fails on the way
 * because the broker went away, goes the careful way (the {@code mqtt-publish} route, which waits out an outage).
 */
final class PublishWindow implements PublishQueue.Drain {

    /** Updates on their way at once; Paho also keeps to the broker's Receive Maximum (see {@link #send}). */
    static final int SIZE = 64;

    /** What finished an update, told on the publishing thread. */
    interface Outcome {

        void acknowledged(StateUpdate update, int topicChange);

        void refusedByBroker(String topic, Throwable error);

        /** The broker went away while the update was on its way: publish it the careful way. */
        void resend(StateUpdate update);
    }

    private record Pending(StateUpdate update, List<MqttStatestream.Message> messages, List<IMqttToken> tokens,
            int topicChange) {
    }

    private final MqttConnection connection;
    private final Outcome outcome;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final Set<String> pendingEntities = new HashSet<>();

    PublishWindow(MqttConnection connection, Outcome outcome) {
        this.connection = connection;
        this.outcome = outcome;
    }

    /** Whether an update of this entity is on its way (its next one must wait for it, to diff against the broker). */
    boolean holds(String entityId) {
        return pendingEntities.contains(entityId);
    }

    /** Whether updates are on their way (for the queue: to settle them once nothing more waits). */
    @Override
    public boolean pending() {
        return !pending.isEmpty();
    }

    /** Waits until every update on its way is acknowledged (or failed) and told. */
    @Override
    public void drain() {
        settleAll();
    }

    /**
     * Sends the update's messages without waiting. What cannot be sent ahead (not connected, or the broker takes no
     * more at once even with the window settled) is resent the careful way at once.
     */
    void send(StateUpdate update, List<MqttStatestream.Message> messages, int topicChange) {
        List<IMqttToken> tokens = new ArrayList<>(messages.size());
        for (MqttStatestream.Message message : messages) {
            IMqttToken token = publishAhead(message);
            if (token == null) {
                settle(new Pending(update, messages.subList(0, tokens.size()), tokens, topicChange), false);
                return;
            }
            tokens.add(token);
        }
        pending.addLast(new Pending(update, messages, tokens, topicChange));
        pendingEntities.add(update.entityId());
        while (pending.size() >= SIZE || (!pending.isEmpty() && isAcknowledged(pending.peekFirst()))) {
            settleFirst();
        }
    }

    /** Waits until every update on its way is acknowledged (or failed) and told. */
    void settleAll() {
        while (!pending.isEmpty()) {
            settleFirst();
        }
    }

    private IMqttToken publishAhead(MqttStatestream.Message message) {
        while (true) {
            try {
                return connection.publishAhead(message.topic(), message.payload());
            } catch (MqttException e) {
                // typically more in flight than the broker's Receive Maximum: make room, else give up the shortcut
                if (pending.isEmpty()) {
                    return null;
                }
                settleFirst();
            }
        }
    }

    private static boolean isAcknowledged(Pending first) {
        return first.tokens().stream().allMatch(IMqttToken::isComplete);
    }

    private void settleFirst() {
        Pending first = pending.pollFirst();
        pendingEntities.remove(first.update().entityId());
        settle(first, true);
    }

    /** @param complete whether all its messages were sent; a partly sent update is always resent */
    private void settle(Pending update, boolean complete) {
        boolean resend = !complete;
        for (int i = 0; i < update.tokens().size(); i++) {
            try {
                connection.awaitAcknowledgement(update.tokens().get(i));
            } catch (MqttException e) {
                if (MqttConnection.isOutage(e)) {
                    resend = true;
                } else {
                    outcome.refusedByBroker(update.messages().get(i).topic(), e);
                }
            }
        }
        if (resend) {
            outcome.resend(update.update());
        } else {
            outcome.acknowledged(update.update(), update.topicChange());
        }
    }
}
