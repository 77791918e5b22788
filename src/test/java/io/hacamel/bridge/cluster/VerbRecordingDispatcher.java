package io.hacamel.bridge.cluster;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * The mock API server's CRUD dispatcher, noting which verb of which resource every request of a bridge used, as a
 * Role grants it: {@code leases:get}, {@code pods:list}, ... The test's own requests carry {@link #TEST_HEADER} and
 * are not noted.
 */
final class VerbRecordingDispatcher extends KubernetesCrudDispatcher {

    static final String TEST_HEADER = "X-Pair-Test";
    private static final Pattern RESOURCE = Pattern.compile(
            "^/(?:api/v1|apis/coordination\\.k8s\\.io/v1)/namespaces/[^/]+/([a-z]+)(/[^/?]+)?");

    private final Set<String> used = ConcurrentHashMap.newKeySet();

    /** The verbs used so far, sorted. */
    Set<String> used() {
        return new TreeSet<>(used);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        Matcher resource = RESOURCE.matcher(request.getPath());
        if (request.getHeader(TEST_HEADER) == null && resource.find()) {
            boolean named = resource.group(2) != null;
            String verb = switch (request.getMethod()) {
                case "GET" -> named ? "get" : "list";
                case "POST" -> "create";
                case "PUT" -> "update";
                case "PATCH" -> "patch";
                case "DELETE" -> "delete";
                default -> request.getMethod();
            };
            used.add(resource.group(1) + ":" + verb);
        }
        return super.dispatch(request);
    }
}
