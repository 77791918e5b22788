package io.hacamel.bridge.client;

/** Told about every change of a session's {@link ConnectionState}. Must not block. */
@FunctionalInterface
public interface ConnectionListener {

    void onStateChanged(ConnectionState previous, ConnectionState current, String reason);
}
