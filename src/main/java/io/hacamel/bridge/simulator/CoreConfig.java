package io.hacamel.bridge.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The answer to get_config and GET /api/config, in the shape Home Assistant 2023.6.3 gave in the transcript. */
final class CoreConfig {

    private CoreConfig() {
    }

    static String json(SimulatedHome home, String haVersion) {
        ObjectNode config = Json.object().put("latitude", 52.37).put("longitude", 4.89).put("elevation", 0);
        config.putObject("unit_system")
            .put("length", "km")
            .put("accumulated_precipitation", "mm")
            .put("mass", "g")
            .put("pressure", "Pa")
            .put("temperature", "°C")
            .put("volume", "L")
            .put("wind_speed", "m/s");
        config.put("location_name", home.locationName()).put("time_zone", "UTC");
        home.components().forEach(config.putArray("components")::add);
        config.put("config_dir", "/config");
        config.putArray("whitelist_external_dirs").add("/config/www").add("/media");
        config.putArray("allowlist_external_dirs").add("/config/www").add("/media");
        config.putArray("allowlist_external_urls");
        config.put("version", haVersion)
            .put("config_source", "yaml")
            .put("safe_mode", false)
            .put("state", "RUNNING")
            .putNull("external_url")
            .putNull("internal_url")
            .put("currency", "EUR")
            .put("country", "NL")
            .put("language", "en");
        return Json.write(config);
    }
}
