package io.hacamel.bridge.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** A realistic small home for demos: lights, climate, covers, locks, media, sensors, people, sun and weather. */
final class DemoHome {

    static final List<String> BASE_COMPONENTS = List.of("persistent_notification", "api", "auth", "websocket_api",
        "http", "homeassistant", "logger");

    private static final List<String> DIMMABLE = List.of("brightness");
    private static final List<String> DOMAINS = List.of("light", "switch", "sensor", "binary_sensor", "climate",
        "cover", "lock", "media_player", "fan", "input_boolean", "input_number", "person", "sun", "weather");

    private DemoHome() {
    }

    static SimulatedHome create() {
        List<String> components = new ArrayList<>(BASE_COMPONENTS);
        components.addAll(DOMAINS);
        HomeBuilder home = new HomeBuilder("Demo Home", components)
            .services("homeassistant", "persistent_notification", "logger")
            .area("living_room", "Living Room").area("kitchen", "Kitchen").area("bedroom", "Bedroom")
            .area("hallway", "Hallway").area("garage", "Garage")
            .device("thermostat_living_room", "Living Room Thermostat", "Netatmo", "Smart Thermostat", "living_room")
            .device("tv_living_room", "Living Room TV", "LG", "OLED55C1", "living_room")
            .device("front_door_lock", "Front Door Lock", "Nuki", "Smart Lock 3.0 Pro", "hallway")
            .device("garage_door_opener", "Garage Door", "Meross", "MSG100", "garage")
            .device("ev_charger", "EV Charger", "Easee", "Home", "garage");
        livingRoom(home);
        kitchen(home);
        bedroom(home);
        hallwayAndGarage(home);
        wholeHome(home);
        return home.build();
    }

    private static void livingRoom(HomeBuilder home) {
        light(home, "light.living_room_ceiling", "Living Room Ceiling", 180, "living_room");
        light(home, "light.living_room_floor_lamp", "Living Room Floor Lamp", null, "living_room");
        home.entity("switch.living_room_tv_plug", "on", Attributes.of("friendly_name", "TV Plug",
            "device_class", "outlet"), null, "living_room");
        sensor(home, "sensor.living_room_temperature", "Living Room Temperature", "21.4", "temperature", "°C",
            "thermostat_living_room", null);
        sensor(home, "sensor.living_room_humidity", "Living Room Humidity", "45", "humidity", "%",
            "thermostat_living_room", null);
        binary(home, "binary_sensor.living_room_motion", "Living Room Motion", "off", "motion", "living_room");
        home.entity("climate.living_room", "heat", Attributes.of("hvac_modes", List.of("off", "heat", "auto"),
            "min_temp", 7, "max_temp", 35, "target_temp_step", 0.5, "current_temperature", 21.4,
            "temperature", 21.5, "friendly_name", "Living Room", "supported_features", 1),
            "thermostat_living_room", null);
        home.entity("media_player.living_room_tv", "playing", Attributes.of("volume_level", 0.35,
            "is_volume_muted", false, "media_content_type", "tvshow", "media_title", "Nature Documentary",
            "source", "HDMI 1", "friendly_name", "Living Room TV", "supported_features", 21437),
            "tv_living_room", null);
        home.entity("cover.living_room_blinds", "open", Attributes.of("current_position", 100,
            "device_class", "blind", "friendly_name", "Living Room Blinds", "supported_features", 15),
            null, "living_room");
    }

    private static void kitchen(HomeBuilder home) {
        light(home, "light.kitchen_spots", "Kitchen Spots", 255, "kitchen");
        home.entity("switch.coffee_machine", "off", Attributes.of("friendly_name", "Coffee Machine",
            "icon", "mdi:coffee-maker"), null, "kitchen");
        sensor(home, "sensor.kitchen_temperature", "Kitchen Temperature", "22.1", "temperature", "°C",
            null, "kitchen");
        sensor(home, "sensor.dishwasher_power", "Dishwasher Power", "0.0", "power", "W", null, "kitchen");
        binary(home, "binary_sensor.fridge_door", "Fridge Door", "off", "door", "kitchen");
        home.entity("fan.kitchen_extractor", "off", Attributes.of("percentage", 0,
            "percentage_step", 33.333333333333336, "friendly_name", "Kitchen Extractor", "supported_features", 1),
            null, "kitchen");
    }

    private static void bedroom(HomeBuilder home) {
        light(home, "light.bedroom_ceiling", "Bedroom Ceiling", null, "bedroom");
        light(home, "light.bedside_lamp", "Bedside Lamp", null, "bedroom");
        sensor(home, "sensor.bedroom_temperature", "Bedroom Temperature", "19.8", "temperature", "°C",
            null, "bedroom");
        binary(home, "binary_sensor.bedroom_window", "Bedroom Window", "off", "window", "bedroom");
        home.entity("cover.bedroom_shutter", "closed", Attributes.of("current_position", 0,
            "device_class", "shutter", "friendly_name", "Bedroom Shutter", "supported_features", 15),
            null, "bedroom");
    }

    private static void hallwayAndGarage(HomeBuilder home) {
        light(home, "light.hallway", "Hallway", 120, "hallway");
        home.entity("lock.front_door", "locked", Attributes.of("friendly_name", "Front Door",
            "supported_features", 1), "front_door_lock", null);
        binary(home, "binary_sensor.front_door", "Front Door Contact", "off", "door", "hallway");
        home.entity("cover.garage_door", "closed", Attributes.of("device_class", "garage",
            "friendly_name", "Garage Door", "supported_features", 3), "garage_door_opener", null);
        home.entity("lock.garage_side_door", "locked", Attributes.of("friendly_name", "Garage Side Door",
            "supported_features", 0), null, "garage");
        home.entity("switch.ev_charger", "off", Attributes.of("friendly_name", "EV Charger",
            "icon", "mdi:ev-station"), "ev_charger", null);
        sensor(home, "sensor.ev_charger_energy", "EV Charger Energy", "1532.41", "energy", "kWh", "ev_charger", null);
        sensor(home, "sensor.garage_temperature", "Garage Temperature", "12.3", "temperature", "°C", null, "garage");
    }

    private static void wholeHome(HomeBuilder home) {
        home.entity("input_boolean.guest_mode", "off", Attributes.of("editable", true, "icon", "mdi:account-group",
            "friendly_name", "Guest Mode"), null, null);
        home.entity("input_boolean.vacation_mode", "off", Attributes.of("editable", true,
            "friendly_name", "Vacation Mode"), null, null);
        home.entity("input_number.heating_setpoint", "20.5", Attributes.of("initial", null, "editable", true,
            "min", 15.0, "max", 25.0, "step", 0.5, "mode", "slider", "unit_of_measurement", "°C",
            "friendly_name", "Heating Setpoint"), null, null);
        sensor(home, "sensor.outdoor_temperature", "Outdoor Temperature", "14.7", "temperature", "°C", null, null);
        binary(home, "binary_sensor.washing_machine_running", "Washing Machine", "on", "running", null);
        home.entity("person.anna", "home", Attributes.of("editable", true, "id", "anna", "latitude", 52.3731,
            "longitude", 4.8922, "gps_accuracy", 12, "source", "device_tracker.anna_phone",
            "user_id", "6a1b3c0f9d2e4f5a8b7c6d5e4f3a2b1c", "friendly_name", "Anna"), null, null);
        home.entity("person.ben", "not_home", Attributes.of("editable", true, "id", "ben",
            "source", "device_tracker.ben_phone", "friendly_name", "Ben"), null, null);
        home.entity("sun.sun", "above_horizon", Attributes.of("next_dawn", "2026-11-22T06:58:12.104312+00:00",
            "next_dusk", "2026-11-21T16:52:31.551042+00:00", "next_midnight", "2026-11-21T23:42:09+00:00",
            "next_noon", "2026-11-22T11:42:15+00:00", "next_rising", "2026-11-22T07:41:58.208215+00:00",
            "next_setting", "2026-11-21T16:08:47.613790+00:00", "elevation", 12.4, "azimuth", 211.37,
            "rising", false, "friendly_name", "Sun"), null, null);
        home.entity("weather.home", "sunny", Attributes.of("temperature", 14.7, "dew_point", 6.1,
            "temperature_unit", "°C", "humidity", 58, "cloud_coverage", 12.5, "pressure", 1019.0,
            "pressure_unit", "hPa", "wind_bearing", 240.0, "wind_speed", 12.6, "wind_speed_unit", "km/h",
            "visibility_unit", "km", "precipitation_unit", "mm",
            "attribution", "Weather forecast from met.no, delivered by the Norwegian Meteorological Institute.",
            "friendly_name", "Home", "supported_features", 3), null, null);
    }

    private static void light(HomeBuilder home, String id, String name, Integer brightness, String area) {
        ObjectNode off = Attributes.of("supported_color_modes", DIMMABLE, "friendly_name", name,
            "supported_features", 32);
        home.entity(id, brightness == null ? "off" : "on",
            brightness == null ? off : LightAttributes.on(off, brightness), null, area);
    }

    private static void sensor(HomeBuilder home, String id, String name, String state, String deviceClass,
                               String unit, String deviceId, String areaId) {
        String stateClass = deviceClass.equals("energy") ? "total_increasing" : "measurement";
        home.entity(id, state, Attributes.of("state_class", stateClass, "unit_of_measurement", unit,
            "device_class", deviceClass, "friendly_name", name), deviceId, areaId);
    }

    private static void binary(HomeBuilder home, String id, String name, String state, String deviceClass,
                               String area) {
        home.entity(id, state, Attributes.of("device_class", deviceClass, "friendly_name", name), null, area);
    }
}
