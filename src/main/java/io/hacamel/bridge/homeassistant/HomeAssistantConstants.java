package io.hacamel.bridge.homeassistant;

import org.apache.camel.spi.Metadata;

/** Headers of the homeassistant component. */
public final class HomeAssistantConstants {

    @Metadata(description = "The event type, e.g. state_changed (bridge_synced ends a resync); for an event trigger, "
                            + "the type of the event that fired it; fire-event fires this type when the endpoint has "
                            + "no eventType", javaType = "String")
    public static final String EVENT_TYPE = "CamelHomeAssistantEventType";
    @Metadata(description = "The entity an event or a state trigger is about; get-state reads this entity when the "
                            + "endpoint has no entityId, and sets it", javaType = "String")
    public static final String ENTITY_ID = "CamelHomeAssistantEntityId";
    @Metadata(description = "The entity's domain (light for light.kitchen), or the domain of a service call",
              javaType = "String")
    public static final String DOMAIN = "CamelHomeAssistantDomain";
    @Metadata(label = "consumer", description = "True for events the bridge made itself while resyncing after a "
                                                + "(re)connect, false for events Home Assistant sent",
              javaType = "boolean")
    public static final String RESYNC = "CamelHomeAssistantResync";
    @Metadata(description = "The entity's new state, e.g. on: of a state_changed event (absent when the entity was "
                            + "removed), of a state trigger's to_state, or the state get-state read", javaType = "String")
    public static final String STATE = "CamelHomeAssistantState";
    @Metadata(label = "consumer", description = "The entity's previous state, e.g. off: of a state_changed event "
                                                + "(absent when the entity was added), or of a state trigger's "
                                                + "from_state", javaType = "String")
    public static final String OLD_STATE = "CamelHomeAssistantOldState";
    @Metadata(label = "consumer", description = "state_changed: the entity's whole new state as compact JSON (absent "
                                                + "when the entity was removed), for routes that keep it: a fraction "
                                                + "of the memory of its tree, and shared with the bridge's own copy",
              javaType = "io.hacamel.bridge.client.CompactState")
    public static final String COMPACT_NEW_STATE = "CamelHomeAssistantCompactNewState";
    @Metadata(label = "consumer", description = "When Home Assistant fired the event (ISO 8601)", javaType = "String")
    public static final String TIME_FIRED = "CamelHomeAssistantTimeFired";
    @Metadata(label = "producer", description = "The service to call, e.g. turn_on (call-service)", javaType = "String")
    public static final String SERVICE = "CamelHomeAssistantService";
    @Metadata(label = "producer", description = "Ask the service for its response (call-service)", javaType = "Boolean")
    public static final String RETURN_RESPONSE = "CamelHomeAssistantReturnResponse";
    @Metadata(label = "producer", description = "The message type to send (command), e.g. config/area_registry/list",
              javaType = "String")
    public static final String COMMAND_TYPE = "CamelHomeAssistantCommandType";
    @Metadata(label = "producer", description = "The id of the context Home Assistant ran a service call or a fired "
                                                + "event in", javaType = "String")
    public static final String CONTEXT_ID = "CamelHomeAssistantContextId";
    @Metadata(label = "consumer", description = "The id of the trigger that fired: its id, else its position in the "
                                                + "trigger list (0 for the first)", javaType = "String")
    public static final String TRIGGER_ID = "CamelHomeAssistantTriggerId";

    private HomeAssistantConstants() {
    }
}
