package io.hacamel.bridge.observability;

import java.util.Map;
import java.util.Properties;

import io.hacamel.bridge.Settings;
import io.hacamel.bridge.support.UrlUserInfo;
import org.apache.camel.CamelContext;
import org.apache.camel.console.DevConsoleRegistry;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.console.AbstractDevConsole;
import org.apache.camel.util.SensitiveUtils;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;

/**
 * Camel's {@code properties} developer console with every secret masked. Camel's own console masks only its text
 * form, and camel-cli-connector writes the JSON form, with the Home Assistant token and the API key, into
 * {@code ~/.camel/<pid>-status.json} every second (the file {@code camel get} reads). This one takes its place, and
 * masks the user name and password of any address too.
 */
final class MaskedPropertiesConsole extends AbstractDevConsole {

    static final String MASK = "xxxxxx";

    MaskedPropertiesConsole() {
        super("camel", "properties", "Properties", "The bridge's configuration properties, secrets masked");
    }

    /** Replaces Camel's console, whether or not that was resolved already. */
    static void register(CamelContext context) {
        DevConsoleRegistry consoles = context.getCamelContextExtension().getContextPlugin(DevConsoleRegistry.class);
        if (consoles == null) {
            return;
        }
        MaskedPropertiesConsole masked = new MaskedPropertiesConsole();
        consoles.getConsole(masked.getId()).ifPresent(consoles::unregister);
        consoles.register(masked);
    }

    @Override
    protected String doCallText(Map<String, Object> options) {
        PropertiesComponent properties = getCamelContext().getPropertiesComponent();
        StringBuilder text = new StringBuilder("Properties loaded from locations: ")
                .append(String.join(", ", properties.getLocations())).append('\n');
        // Camel's ordered properties keep their entries beside the Hashtable: Properties.forEach would see none
        for (Map.Entry<Object, Object> entry : properties.loadProperties().entrySet()) {
            text.append("    ").append(entry.getKey()).append(" = ")
                    .append(masked(entry.getKey().toString(), entry.getValue())).append('\n');
        }
        return text.toString();
    }

    @Override
    protected JsonObject doCallJson(Map<String, Object> options) {
        PropertiesComponent properties = getCamelContext().getPropertiesComponent();
        JsonObject root = new JsonObject();
        root.put("locations", properties.getLocations());
        JsonArray entries = new JsonArray();
        Properties loaded = properties.loadProperties();
        for (Object key : loaded.keySet()) {
            String name = key.toString();
            JsonObject entry = new JsonObject();
            entry.put("key", name);
            properties.getResolvedValue(name).ifPresentOrElse(resolved -> {
                entry.put("value", masked(name, resolved.value()));
                entry.put("source", resolved.source());
            }, () -> entry.put("value", masked(name, loaded.get(key))));
            entries.add(entry);
        }
        root.put("properties", entries);
        return root;
    }

    private static Object masked(String key, Object value) {
        boolean secret = Settings.isSecret(key) || SensitiveUtils.containsSensitive(key);
        if (value == null || value.toString().isEmpty()) {
            return value;
        }
        return secret ? MASK : UrlUserInfo.mask(value.toString());
    }
}
