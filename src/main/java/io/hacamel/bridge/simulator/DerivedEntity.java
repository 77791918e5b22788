package io.hacamel.bridge.simulator;

/**
 * An entity computed from other entities, like Home Assistant's template entities: when a source changes, it
 * recomputes itself with the context of that change (which is how Home Assistant attributes the follow-up change).
 */
interface DerivedEntity {

    String entityId();

    boolean dependsOn(String entityId);

    void refresh(StateMachine states, HaContext context);
}
