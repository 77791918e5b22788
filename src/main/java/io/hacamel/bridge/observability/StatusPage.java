package io.hacamel.bridge.observability;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import io.hacamel.bridge.api.ApiException;
import io.hacamel.bridge.support.HttpBody;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The status page at {@code /}: a few static files from the jar, read once, served by name from a fixed list (never
 * a path from the request), with a content security policy that lets the page talk to the bridge only: its API and
 * the client hub's WebSocket.
 */
public final class StatusPage {

    private static final String DIRECTORY = "status-page/";
    private static final String INDEX = "index.html";
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            INDEX, "text/html; charset=utf-8",
            "status-page.css", "text/css; charset=utf-8",
            "status-page.js", "text/javascript; charset=utf-8",
            "live-events.js", "text/javascript; charset=utf-8",
            "page.js", "text/javascript; charset=utf-8",
            "favicon.svg", "image/svg+xml");
    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'%s; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    /** A host name, IPv4 or [IPv6] address with an optional port: nothing else goes into the policy. */
    private static final Pattern HOST = Pattern.compile("([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+])(:[0-9]{1,5})?");

    private final Map<String, byte[]> files;

    private StatusPage(Map<String, byte[]> files) {
        this.files = files;
    }

    static StatusPage load() {
        Map<String, byte[]> files = new HashMap<>();
        CONTENT_TYPES.keySet().forEach(name -> files.put(name, read(name)));
        return new StatusPage(Map.copyOf(files));
    }

    /** Header {@code file}: one of the page's files; none for the page itself. */
    public void serve(Exchange exchange) {
        Message message = exchange.getMessage();
        String name = message.getHeader("file", INDEX, String.class);
        byte[] content = files.get(name);
        if (content == null) {
            throw new ApiException(404, "the status page has no file of that name");
        }
        String host = host(message.getHeader(Exchange.HTTP_URL, String.class));
        message.removeHeaders("*");
        message.setHeader(Exchange.CONTENT_TYPE, CONTENT_TYPES.get(name));
        message.setHeader("Cache-Control", "no-cache");
        message.setHeader("X-Content-Type-Options", "nosniff");
        message.setHeader("Content-Security-Policy", policy(host));
        message.setBody(HttpBody.of(content));
    }

    /**
     * The page may fetch from the bridge and open the hub's WebSocket at the address it was loaded from: older
     * browsers (Safari before 15.4) do not count ws: and wss: as 'self', so the host is named.
     */
    static String policy(String host) {
        return String.format(POLICY, host != null && HOST.matcher(host).matches()
                ? " ws://" + host + " wss://" + host : "");
    }

    /** The host and port the browser asked for (Camel keeps the Host header out of the message, not the URL). */
    private static String host(String url) {
        try {
            return url == null ? null : URI.create(url).getRawAuthority();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] read(String name) {
        try (InputStream in = StatusPage.class.getClassLoader().getResourceAsStream(DIRECTORY + name)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + DIRECTORY + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
