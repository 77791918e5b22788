package io.hacamel.bridge.api;

import java.net.URI;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which web pages may use the API through a visitor's browser: the bridge's own (an {@code Origin} with the request's
 * own host and port, which the {@code Host} check already vouched for) and those in {@code api.allowed-origins};
 * on the hub ({@code /ws}) also those in {@code hub.allowed-origins}. A request without an {@code Origin} is not
 * from a web page's script and is not concerned.
 */
final class AllowedOrigins {

    private final Set<String> api;
    private final Set<String> hub;

    AllowedOrigins(Collection<String> apiOrigins, Collection<String> hubOrigins) {
        this.api = normalized(apiOrigins);
        this.hub = normalized(hubOrigins);
        hub.addAll(api);
    }

    /** Whether a page of {@code origin} may send this request; {@code sameOrigin} ones always may. */
    boolean allows(String origin, boolean toHub) {
        return (toHub ? hub : api).contains(normalize(origin));
    }

    /** An origin whose host and port are the request's own {@code Host}: the bridge's own page. */
    static boolean sameOrigin(String origin, String hostHeader) {
        if (hostHeader == null) {
            return false;
        }
        try {
            URI page = URI.create(origin);
            String scheme = page.getScheme();
            if (page.getHost() == null || scheme == null) {
                return false; // "null" (a sandboxed frame, a file), or garbage
            }
            int defaultPort = scheme.equalsIgnoreCase("https") ? 443 : 80;
            String pageAuthority = bare(page.getHost()) + ":" + (page.getPort() < 0 ? defaultPort : page.getPort());
            return pageAuthority.equals(authority(hostHeader, defaultPort));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** {@code host:port} of a Host header, with the scheme's port when it names none. */
    private static String authority(String hostHeader, int defaultPort) {
        String host = AllowedHosts.hostName(hostHeader);
        String rest = hostHeader.trim();
        int portStart = rest.startsWith("[") ? rest.indexOf("]:") + 1 : rest.lastIndexOf(':');
        boolean hasPort = portStart > 0 && (rest.startsWith("[") || rest.indexOf(':') == portStart);
        return host + ":" + (hasPort ? rest.substring(portStart + 1) : String.valueOf(defaultPort));
    }

    private static String bare(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.startsWith("[") && lower.endsWith("]") ? lower.substring(1, lower.length() - 1) : lower;
    }

    private static Set<String> normalized(Collection<String> origins) {
        Set<String> set = new TreeSet<>();
        origins.forEach(origin -> set.add(normalize(origin)));
        return set;
    }

    /** Browsers send {@code scheme://host[:port]}, lower case, no path; a configured one may end in a slash. */
    private static String normalize(String origin) {
        String trimmed = origin.trim().toLowerCase(Locale.ROOT);
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
