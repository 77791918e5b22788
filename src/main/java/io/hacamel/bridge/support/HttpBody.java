package io.hacamel.bridge.support;

import java.nio.ByteBuffer;

/**
 * The body of an answer that only the HTTP server reads, in the one form Camel's Vert.x platform-http writes at once
 * and with a Content-Length. A {@code byte[]} it turns into an InputStream that it reads on a worker thread, chunk by
 * chunk, each read a hop between threads: that doubled the bridge's CPU for a state read (0.32-0.37 to 0.17-0.23 ms
 * a request with 10,000 entities) and added waits for the scheduler on a busy machine. A ByteBuffer is read once, so
 * answers that routes of their own may read (those of direct:call-service) stay bytes.
 */
public final class HttpBody {

    private HttpBody() {
    }

    public static ByteBuffer of(byte[] content) {
        return ByteBuffer.wrap(content);
    }
}
