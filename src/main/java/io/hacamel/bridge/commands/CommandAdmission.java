package io.hacamel.bridge.commands;

/**
 * Whether a service call from MQTT may run here and now. A bridge of a pair runs commands only while it leads, and a
 * command whose correlation id its pair already ran (a QoS 1 redelivery, a publisher's retry after a failover) is
 * not run again.
 */
@FunctionalInterface
public interface CommandAdmission {

    /** A single bridge runs every command. */
    CommandAdmission ALWAYS = correlationId -> null;

    /**
     * @param correlationId the command's {@code correlation_id} (else its MQTT 5 correlation data), null when it has
     *                      none
     * @return null to run it; else the answer to give instead
     */
    Refusal admit(String correlationId);

    /** A command not run: the answer's status, {@code outcome} and {@code error}. */
    record Refusal(int status, String outcome, String error) {
    }
}
