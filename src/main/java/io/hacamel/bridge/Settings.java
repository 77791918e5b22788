package io.hacamel.bridge;

import java.util.regex.Pattern;

import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.util.IOHelper;
import org.apache.camel.util.TimeUtils;

/**
 * Reads the bridge's settings: application.properties, overridden by environment variables ({@code ha.url} ←
 * {@code HA_URL}). Secrets are read without Camel's placeholder parser, which logs every value it resolves at DEBUG.
 */
public final class Settings {

    /** Header values carry API keys; webhook URLs often carry a token in their path (Slack, Discord). */
    private static final Pattern SECRET =
            Pattern.compile(".*(token|password|secret|api-key|apikey|metrics-key|headers)(?!-file).*|webhook\\.[^.]+\\.url");
    /** Addresses may carry a user name and password ({@code http://user:password@host}), shown only masked. */
    private static final Pattern ADDRESS = Pattern.compile(".*[.-]url");

    private final PropertiesComponent properties;

    public Settings(PropertiesComponent properties) {
        this.properties = properties;
    }

    /** True for keys whose values must never be shown or logged. */
    public static boolean isSecret(String key) {
        return SECRET.matcher(key).matches();
    }

    /** A required setting, trimmed; an empty value is a value. */
    public String get(String key) {
        if (isSecret(key) || ADDRESS.matcher(key).matches()) {
            return secret(key);
        }
        return properties.resolveProperty(key).map(String::trim)
                .orElseThrow(() -> new IllegalArgumentException("missing setting " + key + " in application.properties"));
    }

    /** A setting that need not be in application.properties (e.g. per webhook target), trimmed. */
    public String optional(String key, String defaultValue) {
        if (isSecret(key)) {
            String value = secret(key);
            return value.isEmpty() ? defaultValue : value;
        }
        return properties.resolveProperty(key).map(String::trim).orElse(defaultValue);
    }

    /** A duration setting: 5000 (milliseconds), 5s, 2m, 1m30s; must be positive. */
    public long millis(String key) {
        String value = get(key);
        long millis;
        try {
            millis = TimeUtils.toMilliSeconds(value);
        } catch (RuntimeException e) {
            millis = 0; // Camel's parser fails on some text with an index out of range: say what is wrong instead
        }
        if (millis <= 0) {
            throw new IllegalArgumentException(key + " must be a positive duration such as 5s, was '" + value + "'");
        }
        return millis;
    }

    /** A whole number setting that must be positive. */
    public int positiveInt(String key) {
        String value = get(key);
        try {
            int number = Integer.parseInt(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(key + " must be a positive whole number, was '" + value + "'");
    }

    /**
     * A secret or an address: from the environment, else from the properties as written, never through the parser's
     * logs.
     */
    private String secret(String key) {
        String value = IOHelper.lookupEnvironmentVariable(key);
        if (value == null) {
            Object raw = properties.loadProperties(key::equals).get(key);
            value = raw == null ? "" : raw.toString();
        }
        return value.contains("{{") ? properties.parseUri(value).trim() : value.trim();
    }
}
