package io.hacamel.bridge.homeassistant;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.hacamel.bridge.client.HaEvent;

/**
 * Which events a {@code homeassistant:events} consumer takes (its {@code entities}, {@code domains} and
 * {@code stateChangesOnly} options). Checked on the session's reader for every event of the consumer's types, before
 * anything more is made of it: it must stay cheap and allocate nothing.
 */
final class HomeAssistantEventFilter {

    private final Set<String> entityIds = new HashSet<>();
    private final String[] globs;
    private final String[] domains;
    private final boolean stateChangesOnly;

    private HomeAssistantEventFilter(List<String> entities, List<String> domains, boolean stateChangesOnly) {
        entities.stream().filter(entity -> !isGlob(entity)).forEach(entityIds::add);
        this.globs = entities.stream().filter(HomeAssistantEventFilter::isGlob).toArray(String[]::new);
        this.domains = domains.toArray(String[]::new);
        this.stateChangesOnly = stateChangesOnly;
    }

    /** The filter of these options, or null when they let every event through. */
    static HomeAssistantEventFilter of(String entities, String domains, boolean stateChangesOnly) {
        List<String> entityList = split(entities);
        List<String> domainList = split(domains);
        if (entityList.isEmpty() && domainList.isEmpty() && !stateChangesOnly) {
            return null;
        }
        return new HomeAssistantEventFilter(entityList, domainList, stateChangesOnly);
    }

    boolean accepts(HaEvent event) {
        String entityId = event.entityId();
        if (entityId != null && (domains.length > 0 && !inDomain(entityId)
                || (!entityIds.isEmpty() || globs.length > 0) && !isEntity(entityId))) {
            return false;
        }
        return !stateChangesOnly || !HaEvent.STATE_CHANGED.equals(event.eventType()) || stateDiffers(event);
    }

    private boolean inDomain(String entityId) {
        for (String domain : domains) {
            if (entityId.length() > domain.length() && entityId.charAt(domain.length()) == '.'
                    && entityId.startsWith(domain)) {
                return true;
            }
        }
        return false;
    }

    private boolean isEntity(String entityId) {
        if (entityIds.contains(entityId)) {
            return true;
        }
        for (String glob : globs) {
            if (globMatches(glob, entityId)) {
                return true;
            }
        }
        return false;
    }

    /** An entity that came or went changed its state; otherwise the state strings decide (known without a tree). */
    private static boolean stateDiffers(HaEvent event) {
        return !event.sameStateValue();
    }

    /** {@code *} stands for any characters, {@code ?} for one; the rest must be equal. Without a regex's Matcher. */
    static boolean globMatches(String glob, String text) {
        int g = 0;
        int t = 0;
        int starAt = -1;
        int starText = 0;
        while (t < text.length()) {
            if (g < glob.length() && (glob.charAt(g) == '?' || glob.charAt(g) == text.charAt(t))) {
                g++;
                t++;
            } else if (g < glob.length() && glob.charAt(g) == '*') {
                starAt = g++;
                starText = t;
            } else if (starAt >= 0) {
                g = starAt + 1;
                t = ++starText;
            } else {
                return false;
            }
        }
        while (g < glob.length() && glob.charAt(g) == '*') {
            g++;
        }
        return g == glob.length();
    }

    private static boolean isGlob(String entity) {
        return entity.indexOf('*') >= 0 || entity.indexOf('?') >= 0;
    }

    private static List<String> split(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
    }
}
