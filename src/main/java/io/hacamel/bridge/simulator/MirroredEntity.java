package io.hacamel.bridge.simulator;

/** An entity whose state follows another's, like a template switch with {@code value_template} on a helper. */
record MirroredEntity(String entityId, String sourceId) implements DerivedEntity {

    @Override
    public boolean dependsOn(String changedId) {
        return sourceId.equals(changedId);
    }

    @Override
    public void refresh(StateMachine states, HaContext context) {
        EntityState source = states.get(sourceId);
        EntityState self = states.get(entityId);
        if (source != null && self != null) {
            states.set(entityId, source.state(), self.attributes(), false, context);
        }
    }
}
