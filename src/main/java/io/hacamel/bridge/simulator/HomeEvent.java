package io.hacamel.bridge.simulator;

/**
 * An event on the home's bus, already serialised as Home Assistant's event object
 * ({@code {"event_type":..,"data":..,"origin":..,"time_fired":..,"context":..}}) so each connection only prefixes it.
 * A state_changed event also carries its entity and states, for triggers and templates.
 */
record HomeEvent(String type, String json, HaContext context, String entityId, EntityState oldState,
                 EntityState newState) {

    static final String STATE_CHANGED = "state_changed";

    static HomeEvent stateChanged(String entityId, EntityState oldState, EntityState newState, HaContext context,
                                  String timeFired) {
        String oldJson = oldState == null ? "null" : oldState.json();
        String newJson = newState == null ? "null" : newState.json();
        StringBuilder data = new StringBuilder(48 + entityId.length() + oldJson.length() + newJson.length());
        Json.appendQuoted(data.append("{\"entity_id\":"), entityId);
        data.append(",\"old_state\":").append(oldJson);
        data.append(",\"new_state\":").append(newJson).append('}');
        return new HomeEvent(STATE_CHANGED, body(STATE_CHANGED, data, "LOCAL", timeFired, context), context, entityId,
            oldState, newState);
    }

    static HomeEvent of(String type, String dataJson, String origin, HaContext context) {
        return new HomeEvent(type, body(type, dataJson, origin, HaTime.now(), context), context, null, null, null);
    }

    private static String body(String type, CharSequence dataJson, String origin, String timeFired,
                               HaContext context) {
        StringBuilder out = new StringBuilder(dataJson.length() + 200);
        Json.appendQuoted(out.append("{\"event_type\":"), type);
        out.append(",\"data\":").append(dataJson);
        out.append(",\"origin\":\"").append(origin);
        out.append("\",\"time_fired\":\"").append(timeFired);
        return out.append("\",\"context\":").append(context.json()).append('}').toString();
    }
}
