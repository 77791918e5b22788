package io.hacamel.bridge.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A template light kept in helpers, as in the transcript's {@code light.camel_lamp}: turning it on writes the
 * brightness helper first, then the on/off helper; the light itself follows the helpers. That order is why Home
 * Assistant reports the helper changes before the light's own.
 */
record TemplateLight(String entityId, String stateHelperId, String brightnessHelperId) implements DerivedEntity {

    @Override
    public boolean dependsOn(String changedId) {
        return stateHelperId.equals(changedId) || brightnessHelperId.equals(changedId);
    }

    void turnOn(StateMachine states, Integer brightness, HaContext context) {
        EntityState level = states.get(brightnessHelperId);
        if (brightness != null && level != null) {
            states.set(brightnessHelperId, PythonRepr.pythonFloat(brightness), level.attributes(), false, context);
        }
        writeHelper(states, "on", context);
    }

    void turnOff(StateMachine states, HaContext context) {
        writeHelper(states, "off", context);
    }

    private void writeHelper(StateMachine states, String value, HaContext context) {
        EntityState helper = states.get(stateHelperId);
        if (helper != null) {
            states.set(stateHelperId, value, helper.attributes(), false, context);
        }
    }

    /** The helper's number as a brightness; full brightness when the helper holds no number. */
    private static int brightness(String helperState) {
        try {
            return (int) Math.round(Double.parseDouble(helperState));
        } catch (NumberFormatException e) {
            return 255;
        }
    }

    @Override
    public void refresh(StateMachine states, HaContext context) {
        EntityState self = states.get(entityId);
        EntityState onOff = states.get(stateHelperId);
        EntityState level = states.get(brightnessHelperId);
        if (self == null || onOff == null || level == null) {
            return;
        }
        boolean on = "on".equals(onOff.state());
        ObjectNode attributes = on
            ? LightAttributes.on(self.attributes(), brightness(level.state()))
            : LightAttributes.off(self.attributes());
        states.set(entityId, on ? "on" : "off", attributes, false, context);
    }
}
