package io.hacamel.bridge.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A large home for load tests: {@code count} entities spread over realistic domains and twenty areas, with the
 * attributes Zigbee and Wi-Fi devices report, so a state is about 0.5 KB like in a real installation.
 */
final class GeneratedHome {

    private static final String[] AREAS = {"living_room", "kitchen", "dining_room", "hallway", "office",
        "bedroom", "guest_room", "kids_room", "bathroom", "laundry", "garage", "garden", "attic", "basement",
        "porch", "workshop", "study", "gym", "pantry", "terrace"};
    private static final String[] DOMAINS = {"sensor", "binary_sensor", "light", "switch", "cover", "climate",
        "lock", "media_player", "input_boolean", "input_number"};
    /** Share of each domain in {@link #DOMAINS}, in percent. */
    private static final int[] SHARES = {42, 20, 12, 10, 4, 3, 2, 2, 3, 2};
    /** Sensor kinds: device class, unit, and the range their values start in. */
    private record SensorKind(String deviceClass, String unit, double min, double max) {
    }

    private static final SensorKind[] SENSOR_KINDS = {new SensorKind("temperature", "°C", 15, 28),
        new SensorKind("humidity", "%", 30, 70), new SensorKind("power", "W", 0, 2500),
        new SensorKind("energy", "kWh", 10, 9000), new SensorKind("illuminance", "lx", 0, 1000),
        new SensorKind("battery", "%", 5, 100), new SensorKind("voltage", "V", 220, 240)};
    private static final String[] BINARY_KINDS = {"motion", "door", "window", "occupancy", "moisture"};

    private GeneratedHome() {
    }

    static SimulatedHome create(int count, long seed) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
        List<String> components = new ArrayList<>(DemoHome.BASE_COMPONENTS);
        components.addAll(List.of(DOMAINS));
        HomeBuilder home = new HomeBuilder("Generated Home", components)
            .services("homeassistant", "persistent_notification", "logger");
        for (String area : AREAS) {
            home.area(area, title(area));
        }
        Random random = new Random(seed);
        for (int i = 0; i < count; i++) {
            String domain = pickDomain(random);
            String area = AREAS[random.nextInt(AREAS.length)];
            addEntity(home, random, domain, area, i);
        }
        return home.build();
    }

    private static String pickDomain(Random random) {
        int roll = random.nextInt(100);
        for (int i = 0; i < DOMAINS.length; i++) {
            roll -= SHARES[i];
            if (roll < 0) {
                return DOMAINS[i];
            }
        }
        return DOMAINS[0];
    }

    private static void addEntity(HomeBuilder home, Random random, String domain, String area, int index) {
        SensorKind sensorKind = SENSOR_KINDS[random.nextInt(SENSOR_KINDS.length)];
        String kind = switch (domain) {
            case "sensor" -> sensorKind.deviceClass();
            case "binary_sensor" -> BINARY_KINDS[random.nextInt(BINARY_KINDS.length)];
            default -> domain.replace("input_", "");
        };
        String objectId = String.format(Locale.ROOT, "%s_%s_%05d", area, kind, index);
        String name = title(area) + " " + title(kind) + " " + index;
        ObjectNode attributes = Attributes.of("linkquality", 60 + random.nextInt(195),
            "last_seen", "2026-11-21T21:3" + random.nextInt(10) + ":0" + random.nextInt(10) + ".000Z",
            "update_available", false);
        String state = switch (domain) {
            case "sensor" -> sensor(random, sensorKind, attributes);
            case "binary_sensor" -> {
                attributes.put("device_class", kind).put("battery", 20 + random.nextInt(81));
                yield random.nextBoolean() ? "on" : "off";
            }
            case "light" -> {
                attributes.putArray("supported_color_modes").add("brightness");
                attributes.put("supported_features", 40);
                yield "off";
            }
            case "cover" -> {
                attributes.put("current_position", 0).put("device_class", "shutter").put("supported_features", 15);
                yield "closed";
            }
            case "climate" -> {
                attributes.putArray("hvac_modes").add("off").add("heat");
                attributes.put("current_temperature", 19.5).put("temperature", 20.0).put("supported_features", 1);
                yield "heat";
            }
            case "lock" -> "locked";
            case "media_player" -> {
                attributes.put("volume_level", 0.25).put("supported_features", 152461);
                yield "idle";
            }
            case "input_number" -> {
                attributes.put("min", 0.0).put("max", 100.0).put("step", 1.0).put("mode", "slider");
                yield "50.0";
            }
            default -> random.nextBoolean() ? "on" : "off";
        };
        attributes.put("friendly_name", name);
        home.entity(domain + "." + objectId, state, attributes, null, area);
    }

    private static String sensor(Random random, SensorKind kind, ObjectNode attributes) {
        attributes.put("state_class", kind.deviceClass().equals("energy") ? "total_increasing" : "measurement")
            .put("battery", 20 + random.nextInt(81))
            .put("voltage", 2800 + random.nextInt(400))
            .put("unit_of_measurement", kind.unit())
            .put("device_class", kind.deviceClass());
        return String.format(Locale.ROOT, "%.1f", kind.min() + random.nextDouble() * (kind.max() - kind.min()));
    }

    private static String title(String snake) {
        StringBuilder out = new StringBuilder(snake.length());
        for (String word : snake.split("_")) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return out.toString();
    }
}
