package io.hacamel.bridge.homeassistant;

import org.apache.camel.spi.Metadata;

/** Headers of the homeassistant component. */
public final class HomeAssistantConstants {

    @Metadata(label = "consumer", description = "The event type, e.g. state_changed; bridge_synced ends a resync",
              javaType = "String")
    public static final String EVENT_TYPE = "CamelHomeAssistantEventType";
    @Metadata(description = "The entity an event is about, or the entity a request is for", javaType = "String")
    public static final String ENTITY_ID = "CamelHomeAssistantEntityId";
    @Metadata(description = "The entity's domain (light for light.kitchen), or the domain of a service call",
              javaType = "String")
    public static final String DOMAIN = "CamelHomeAssistantDomain";
    @Metadata(label = "consumer", description = "True for events the bridge made itself while resyncing after a "
                                                + "(re)connect, false for events Home Assistant sent",
              javaType = "boolean")
    public static final String RESYNC = "CamelHomeAssistantResync";
    @Metadata(label = "consumer", description = "state_changed: the entity's new state, e.g. on (absent when the entity "
                                                + "was removed)", javaType = "String")
    public static final String STATE = "CamelHomeAssistantState";
    @Metadata(label = "consumer", description = "state_changed: the entity's previous state, e.g. off (absent when the "
                                                + "entity was added)", javaType = "String")
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
    @Metadata(label = "producer", description = "The id of the context Home Assistant ran a service call in",
              javaType = "String")
    public static final String CONTEXT_ID = "CamelHomeAssistantContextId";

    private HomeAssistantConstants() {
    }
}
