package io.hacamel.bridge.client;

/**
 * Receives the events of one subscription, in the order Home Assistant sent them. Called on the connection's reader
 * thread: it must hand the event on and return, never block.
 */
@FunctionalInterface
public interface HaEventListener {

    void onEvent(HaEvent event);
}
