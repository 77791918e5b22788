package io.hacamel.bridge.cluster;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * The mock API server's CRUD dispatcher, noting which verb of which resource every request of a bridge used, as a
 * Role grants it: {@code leases:get}, {@code pods:list}, ... The test's own requests carry {@link #TEST_HEADER} and
 * are not noted. It can refuse a bridge's next update of a Lease as a conflict (409: the Lease changed since the
 * bridge read it, as after a pause), which the client does not retry.
 */
final class VerbRecordingDispatcher extends KubernetesCrudDispatcher {

    static final String TEST_HEADER = "X-Pair-Test";
    private static final Pattern RESOURCE = Pattern.compile(
            "^/(?:api/v1|apis/coordination\\.k8s\\.io/v1)/namespaces/[^/]+/([a-z]+)(/[^/?]+)?");

    private final Set<String> used = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean failNextLeaseUpdate = new AtomicBoolean();

    /** The verbs used so far, sorted. */
    Set<String> used() {
        return new TreeSet<>(used);
    }

    /** The next update of a Lease a bridge sends is answered 409 Conflict, and not made. */
    void failNextLeaseUpdate() {
        failNextLeaseUpdate.set(true);
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
            if (verb.equals("update") && resource.group(1).equals("leases") && failNextLeaseUpdate.getAndSet(false)) {
                return new MockResponse().setResponseCode(409).setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\","
                        + "\"status\":\"Failure\",\"reason\":\"Conflict\",\"code\":409,\"message\":\"the object has been "
                        + "modified; please apply your changes to the latest version and try again\"}");
            }
        }
        return super.dispatch(request);
    }
}
