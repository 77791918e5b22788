package io.hacamel.bridge.publish;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hacamel.bridge.Settings;
import io.hacamel.bridge.events.EntityFilter;
import io.hacamel.bridge.support.UrlUserInfo;

/**
 * One webhook target from the configuration ({@code webhook.<name>.*}): where to POST, how to sign, extra headers,
 * and which changes it takes: event kinds, and domains or entity patterns (either matching is enough; neither given
 * means every entity). The URL, the secret and the header values are secrets: {@link #describe()} masks them.
 */
record WebhookTarget(String name, URI url, String secret, Map<String, String> headers, Set<EventKind> events,
        List<String> domains, List<String> entities, EntityFilter filter) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    private static final Set<String> OWN_HEADERS = Set.of("content-type", "content-length", "host", "user-agent");

    static List<WebhookTarget> all(Settings settings, ObjectMapper json) {
        return split(settings.get("webhooks.targets")).stream().distinct().map(name -> of(name, settings, json))
                .toList();
    }

    static WebhookTarget of(String name, Settings settings, ObjectMapper json) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("webhooks.targets: '" + name + "' is not a valid target name "
                    + "(lower-case letters, digits, - and _)");
        }
        String prefix = "webhook." + name + ".";
        List<String> domains = split(settings.optional(prefix + "domains", ""));
        List<String> entities = split(settings.optional(prefix + "entities", ""));
        List<String> includes = new ArrayList<>(entities);
        domains.forEach(domain -> includes.add(domain + "."));
        URI url = url(prefix + "url", settings.optional(prefix + "url", ""));
        Map<String, String> headers = headers(prefix + "headers", settings.optional(prefix + "headers", ""), json);
        if (UrlUserInfo.present(url)) {
            // Apache's HTTP client refuses a URL with a user name and password: they become Basic authentication
            if (headers.keySet().stream().noneMatch("Authorization"::equalsIgnoreCase)) {
                headers.put("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(url.getUserInfo().getBytes(StandardCharsets.UTF_8)));
            }
            url = UrlUserInfo.strip(url);
        }
        return new WebhookTarget(name, url, settings.optional(prefix + "secret", ""), headers,
                EventKind.parse(settings.optional(prefix + "events", ""), prefix + "events"), domains, entities,
                new EntityFilter(true, String.join(",", includes), "", ""));
    }

    boolean accepts(EventKind kind, String entityId) {
        return events.contains(kind) && filter.matches(entityId);
    }

    /** Scheme, host and port only: the path and query of a webhook URL often hold a token. */
    String maskedUrl() {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort()) + "/…";
    }

    /**
     * An error for logs and dead letters: one line, with this target's URL and any user name and password masked, and
     * only then cut short (a URL cut in half is no longer found, and its token would show).
     */
    String describeFailure(Throwable error) {
        if (error == null) {
            return "unknown error";
        }
        String message = error.getMessage() == null ? "" : error.getMessage().replaceAll("\\s+", " ").trim();
        message = UrlUserInfo.mask(message.replace(url.toString(), maskedUrl()));
        if (message.length() > 300) {
            message = message.substring(0, 300) + "…";
        }
        return error instanceof WebhookFailedException ? message
                : error.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }

    Map<String, Object> describe() {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("name", name);
        description.put("url", maskedUrl());
        description.put("secret", secret.isEmpty() ? "" : "****");
        description.put("signed", !secret.isEmpty());
        description.put("headers", headers.keySet());
        description.put("events", events.stream().map(EventKind::label).toList());
        description.put("domains", domains);
        description.put("entities", entities);
        return description;
    }

    private static URI url(String key, String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException(key + " is required for every target in webhooks.targets");
        }
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            // not the parser's message: it quotes the URL, which may hold a token
            throw new IllegalArgumentException(key + " is not a valid URL");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(key + " must be an http:// or https:// URL");
        }
        return uri;
    }

    /** A JSON object of header names and values, e.g. {@code {"X-Api-Key":"…"}}. */
    private static Map<String, String> headers(String key, String value, ObjectMapper json) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (value.isEmpty()) {
            return headers;
        }
        JsonNode object;
        try {
            object = json.readTree(value);
        } catch (Exception e) {
            object = null;
        }
        if (object == null || !object.isObject()) {
            throw new IllegalArgumentException(key + " must be a JSON object of header names and values, "
                    + "e.g. {\"X-Api-Key\":\"...\"}");
        }
        object.fields().forEachRemaining(header -> {
            String lower = header.getKey().toLowerCase(Locale.ROOT);
            if (OWN_HEADERS.contains(lower) || lower.startsWith("x-bridge-") || !header.getValue().isTextual()) {
                throw new IllegalArgumentException(key + ": header " + header.getKey() + " is set by the bridge, "
                        + "or its value is not a string");
            }
            headers.put(header.getKey(), header.getValue().textValue());
        });
        return headers;
    }

    private static List<String> split(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
