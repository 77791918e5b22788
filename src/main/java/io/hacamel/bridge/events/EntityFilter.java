package io.hacamel.bridge.events;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import io.hacamel.bridge.homeassistant.HomeAssistantConstants;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Message;
import org.apache.camel.Predicate;

/**
 * Which entities the bridge tracks (or a publishing target takes). Excluded domains and exclude patterns are checked
 * first; then, when include patterns are given, the entity must match one. A pattern is a glob
 * ({@code sensor.*_temperature}) or, without wildcards, a prefix ({@code light.}). Without include patterns every
 * entity that is not excluded matches.
 */
public final class EntityFilter implements Predicate {

    private final boolean enabled;
    private final List<String> includes;
    private final List<Pattern> includePatterns;
    private final Set<String> excludedDomains;
    private final List<Pattern> excludePatterns;
    private final LongAdder accepted = new LongAdder();
    private final LongAdder filtered = new LongAdder();
    private volatile Consumer<String> filteredListener = eventType -> {
    };

    public EntityFilter(boolean enabled, String includes, String excludedDomains) {
        this(enabled, includes, excludedDomains, "");
    }

    public EntityFilter(boolean enabled, String includes, String excludedDomains, String excludes) {
        this.enabled = enabled;
        this.includes = split(includes);
        this.includePatterns = this.includes.stream().map(EntityFilter::toPattern).toList();
        this.excludedDomains = Set.copyOf(split(excludedDomains));
        this.excludePatterns = split(excludes).stream().map(EntityFilter::toPattern).toList();
    }

    /** For the event route: decides and counts; the listener learns the type of every event filtered out. */
    public boolean accepts(@Header(HomeAssistantConstants.ENTITY_ID) String entityId,
            @Header(HomeAssistantConstants.EVENT_TYPE) String eventType) {
        boolean matches = matches(entityId);
        if (matches) {
            accepted.increment();
        } else {
            filtered.increment();
            filteredListener.accept(eventType);
        }
        return matches;
    }

    /**
     * For the event route ({@code filter: ref: entityFilter}): {@link #accepts} on the exchange's headers, without
     * the method language, which builds a bean processor on every call.
     */
    @Override
    public boolean matches(Exchange exchange) {
        Message message = exchange.getMessage();
        return accepts(message.getHeader(HomeAssistantConstants.ENTITY_ID, String.class),
                message.getHeader(HomeAssistantConstants.EVENT_TYPE, String.class));
    }

    /** Told the event type of every event the filters keep out (for metrics); must be cheap. */
    public void onFiltered(Consumer<String> eventTypeListener) {
        this.filteredListener = eventTypeListener;
    }

    /** Decides without counting, for reads through the API. */
    public boolean matches(String entityId) {
        if (!enabled || entityId == null) {
            return true;
        }
        int dot = entityId.indexOf('.');
        if (dot > 0 && !excludedDomains.isEmpty() && excludedDomains.contains(entityId.substring(0, dot))
                || anyMatches(excludePatterns, entityId)) {
            return false;
        }
        return includePatterns.isEmpty() || anyMatches(includePatterns, entityId);
    }

    // a loop, not a stream: this runs for every event, twice
    private static boolean anyMatches(List<Pattern> patterns, String entityId) {
        for (Pattern pattern : patterns) {
            if (pattern.matcher(entityId).matches()) {
                return true;
            }
        }
        return false;
    }

    public long acceptedCount() {
        return accepted.sum();
    }

    public long filteredCount() {
        return filtered.sum();
    }

    public Map<String, Object> describe() {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("enabled", enabled);
        description.put("include", includes);
        description.put("exclude_domains", excludedDomains.stream().sorted().toList());
        description.put("events_accepted", acceptedCount());
        description.put("events_filtered", filteredCount());
        return description;
    }

    private static Pattern toPattern(String include) {
        boolean glob = include.contains("*") || include.contains("?");
        StringBuilder regex = new StringBuilder();
        for (char c : include.toCharArray()) {
            regex.append(switch (c) {
                case '*' -> ".*";
                case '?' -> ".";
                default -> Pattern.quote(String.valueOf(c));
            });
        }
        return Pattern.compile(glob ? regex.toString() : regex + ".*");
    }

    private static List<String> split(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
    }
}
